/** Unit tests of the helpers that keep policy extraction linear: trimming, tree walks, nesting depth, segment lookups. */
import fc from "fast-check";
import type { Root } from "mdast";
import { describe, expect, it } from "vitest";
import { nestingDepth } from "../src/policy/text/parse.js";
import { type Block, type Segment, toSource, touchesCode } from "../src/policy/text/blocks.js";
import { trailingLength, trimEndChars } from "../src/policy/text/trim.js";
import { walk } from "../src/policy/text/walk.js";

describe("trim", () => {
  it("trims only the given characters at the end, like the regexes it replaces", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("=", ".", "-", "a", " ") }), (s) => {
        expect(trimEndChars(s, "=")).toBe(s.replace(/=+$/, ""));
        expect(trimEndChars(s, ".-")).toBe(s.replace(/[.-]+$/, ""));
        expect(trailingLength(s, " ")).toBe(s.length - s.replace(/ +$/, "").length);
      }),
    );
  });
});

describe("walk", () => {
  it("visits in document order without recursion, 100,000 levels deep", () => {
    type N = { type: string; children?: N[] };
    let deep: N = { type: "text" };
    for (let i = 0; i < 100_000; i++) deep = { type: "blockquote", children: [deep] };
    let count = 0;
    walk(deep as unknown as Root, () => count++);
    expect(count).toBe(100_001);
    const order: string[] = [];
    const tree = { type: "root", children: [{ type: "a", children: [{ type: "b" }] }, { type: "c" }] };
    walk(tree as unknown as Root, (n) => order.push(n.type));
    expect(order).toEqual(["root", "a", "b", "c"]);
  });
});

describe("nestingDepth", () => {
  it("counts the container markers that open a line", () => {
    expect(nestingDepth("plain\n> quote\n>> two\n> > - - three\n")).toBe(4);
    expect(nestingDepth("a > b > c\n-not a list\n")).toBe(0);
    expect(nestingDepth(`${">".repeat(5000)} x`)).toBe(5000);
  });
});

/** The linear scans that toSource and touchesCode replaced, as the reference. */
function naiveToSource(block: Block, textOffset: number, edge: "start" | "end"): number {
  for (const s of block.segments) {
    const inside =
      edge === "start" ? textOffset >= s.textStart && textOffset < s.textEnd : textOffset > s.textStart && textOffset <= s.textEnd;
    if (inside) return s.exact ? s.srcStart + (textOffset - s.textStart) : edge === "start" ? s.srcStart : s.srcEnd;
  }
  let best = edge === "start" ? block.range.start : block.range.end;
  for (const s of block.segments) {
    if (edge === "start" && s.textStart >= textOffset) return s.srcStart;
    if (edge === "end" && s.textEnd <= textOffset) best = s.srcEnd;
  }
  return best;
}

describe("segment lookups", () => {
  const blockArb = fc
    .array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 4 }), fc.boolean(), fc.boolean()), { maxLength: 12 })
    .map((parts): Block => {
      const segments: Segment[] = [];
      let text = 0;
      let src = 10;
      for (const [gap, len, exact, code] of parts) {
        text += gap;
        src += gap + 1;
        segments.push({ textStart: text, textEnd: text + len, srcStart: src, srcEnd: src + len + (exact ? 0 : 2), exact, code });
        text += len;
        src += len + (exact ? 0 : 2);
      }
      return { kind: "paragraph", text: " ".repeat(text + 3), range: { start: 5, end: src + 5 }, segments, section: null, listLabels: [] };
    });

  it("toSource answers as the linear scan did", () => {
    fc.assert(
      fc.property(blockArb, fc.nat({ max: 60 }), (block, offset) => {
        expect(toSource(block, offset, "start")).toBe(naiveToSource(block, offset, "start"));
        expect(toSource(block, offset, "end")).toBe(naiveToSource(block, offset, "end"));
      }),
      { numRuns: 2000 },
    );
  });

  it("touchesCode answers as the linear scan did", () => {
    fc.assert(
      fc.property(blockArb, fc.nat({ max: 60 }), fc.nat({ max: 10 }), (block, start, len) => {
        const naive = block.segments.some((s) => s.code && s.textStart < start + len && s.textEnd > start);
        expect(touchesCode(block, start, start + len)).toBe(naive);
      }),
      { numRuns: 2000 },
    );
  });
});
