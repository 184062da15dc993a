/** Tree walks without recursion: a hostile file can nest blockquotes or lists thousands deep. */
import type { Nodes } from "mdast";

/** Call `visit` on every node of the tree in document (pre-)order, using an explicit stack. */
export function walk(root: Nodes, visit: (node: Nodes) => void): void {
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    visit(node);
    if ("children" in node) {
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Nodes);
    }
  }
}
