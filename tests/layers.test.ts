/**
 * The house keeps its shape: every import under src/ and rules/ is read with the TypeScript compiler and
 * checked against the layers, top to bottom:
 *
 *   entry points (src/cli/, src/index.ts, src/unified.ts, src/lsp/)
 *   → running (src/run/) → file access (src/io/) → engine (src/engine/) → configuration (src/config/)
 *   → formats (src/format/) → policy model (src/policy/, src/parse.ts) → rules (rules/)
 *   → the base beneath them all: the vocabulary of results (src/types.ts), leaf helpers that import
 *     nothing (src/once.ts, src/version.ts), and the engine's contract with the layers below it: what a
 *     rule is (src/engine/rule.ts, which every rule is written against) and what a fix does
 *     (src/engine/apply-fixes.ts, which the diff format previews with).
 *
 * Value imports point down (or stay in their layer); `import type` may point anywhere, except that
 * nothing imports an entry point; no cycle among value imports; a rule imports only types from the
 * policy model.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

export interface Edge {
  from: string;
  to: string;
  /** Only types are imported (`import type`, `export type`, every named import marked `type`). */
  typeOnly: boolean;
}

const LAYERS = ["entry", "run", "io", "engine", "config", "format", "policy", "rules", "base"] as const;
type Layer = (typeof LAYERS)[number];
const BASE = new Set(["src/types.ts", "src/once.ts", "src/version.ts", "src/paths.ts", "src/engine/rule.ts", "src/engine/apply-fixes.ts"]);

/** The layer of a file (paths relative to the repository, with `/`), or null for a file outside the layers. */
export function layerOf(file: string): Layer | null {
  if (BASE.has(file)) return "base";
  if (
    file === "src/index.ts" ||
    file === "src/unified.ts" ||
    file === "src/browser.ts" ||
    file.startsWith("src/cli/") ||
    file.startsWith("src/lsp/")
  )
    return "entry";
  if (file.startsWith("rules/")) return "rules";
  if (file === "src/parse.ts") return "policy";
  const top = /^src\/([^/]+)\//.exec(file)?.[1];
  const folders: Record<string, Layer> = { run: "run", io: "io", engine: "engine", config: "config", format: "format", policy: "policy" };
  return (top && folders[top]) || null;
}

/** Which entry point a file belongs to (src/cli/ is one), or null when it is not part of one. */
function entryOf(file: string): string | null {
  if (layerOf(file) !== "entry") return null;
  // The language server is the CLI's `lsp` command: one entry with it.
  return /^src\/(?:cli|lsp)\//.test(file) ? "cli" : file;
}

/** The project's imports in one source text: static imports and re-exports, and `import()` calls (values). */
export function importsOf(file: string, text: string): Array<{ specifier: string; typeOnly: boolean }> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: Array<{ specifier: string; typeOnly: boolean }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      // `import "x"` runs x: a value import. `import { type A, type B } from "x"` imports types only.
      const named = clause?.namedBindings;
      const allTypes =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            named !== undefined &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly)));
      out.push({ specifier: node.moduleSpecifier.text, typeOnly: allTypes });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const allTypes =
        node.isTypeOnly ||
        (clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
      out.push({ specifier: node.moduleSpecifier.text, typeOnly: allTypes });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) out.push({ specifier: arg.text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) sources(rel, out);
    else if (/\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name)) out.push(rel);
  }
  return out;
}

/** Every import between the project's files under src/ and rules/ (packages and built-ins are left out). */
export function projectGraph(): Edge[] {
  const edges: Edge[] = [];
  for (const file of [...sources("src"), ...sources("rules")]) {
    for (const { specifier, typeOnly } of importsOf(file, readFileSync(path.join(ROOT, file), "utf8"))) {
      if (!specifier.startsWith(".")) continue;
      const to = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.js$/, ".ts");
      edges.push({ from: file, to, typeOnly });
    }
  }
  return edges;
}

/** Value-import cycles: each as the files on it (Tarjan's strongly connected components, plus self-imports). */
export function valueCycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (!e.typeOnly) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) connect(v);
  return cycles;
}

export interface Violations {
  /** Value imports from a lower layer to a higher one (or into or out of no layer at all). */
  upward: string[];
  /** Imports of an entry point from outside it (types too). */
  entry: string[];
  cycles: string[][];
  /** Rules that import a value from the policy model. */
  ruleValues: string[];
}

export function violations(edges: readonly Edge[]): Violations {
  const upward: string[] = [];
  const entry: string[] = [];
  const ruleValues: string[] = [];
  for (const e of edges) {
    const a = layerOf(e.from);
    const b = layerOf(e.to);
    const shown = `${e.from} -> ${e.to}`;
    const target = entryOf(e.to);
    if (target !== null && target !== entryOf(e.from)) entry.push(shown);
    if (e.typeOnly) continue;
    // A rule's value import from the model is upward too; it is reported on its own list.
    if (a === "rules" && b === "policy") ruleValues.push(shown);
    else if (a === null || b === null || LAYERS.indexOf(b) < LAYERS.indexOf(a)) upward.push(shown);
  }
  return { upward, entry, cycles: valueCycles(edges), ruleValues };
}

/**
 * Rules that still import values from the policy model (helpers beside the model). This list shrinks to
 * empty with the model work (the model becomes the one source of facts, rules import only its types);
 * the lead empties it after merging. Nothing may be added to it.
 */
const RULE_VALUE_IMPORTS_PENDING = new Set<string>([]);

/**
 * Upward value imports left for the model work: two rules load the YAML parser from src/config/ (the
 * Security Insights and code-fence checks parse YAML themselves; the model is to hold those facts). Shrinks
 * to empty with the model work, like the list above.
 */
const UPWARD_PENDING = new Set<string>([]);

describe("the checker", () => {
  it("tells type-only imports from value imports", () => {
    const found = importsOf(
      "x.ts",
      [
        'import type { A } from "./a.js";',
        'import { type B, type C } from "./b.js";',
        'import { type D, e } from "./d.js";',
        'import f from "./f.js";',
        'import "./g.js";',
        'export type { H } from "./h.js";',
        'export { i } from "./i.js";',
        'export * from "./j.js";',
        'const k = await import("./k.js");',
        'type L = import("./l.js").L;',
      ].join("\n"),
    );
    expect(found).toEqual([
      { specifier: "./a.js", typeOnly: true },
      { specifier: "./b.js", typeOnly: true },
      { specifier: "./d.js", typeOnly: false },
      { specifier: "./f.js", typeOnly: false },
      { specifier: "./g.js", typeOnly: false },
      { specifier: "./h.js", typeOnly: true },
      { specifier: "./i.js", typeOnly: false },
      { specifier: "./j.js", typeOnly: false },
      { specifier: "./k.js", typeOnly: false },
    ]);
  });

  it("fails a synthetic graph that breaks every rule, and passes its repaired twin", () => {
    const bad: Edge[] = [
      // Upward: the model reads a file (policy -> io).
      { from: "src/policy/model.ts", to: "src/io/files.ts", typeOnly: false },
      // Upward but type-only: allowed.
      { from: "src/format/summary.ts", to: "src/run/scan.ts", typeOnly: true },
      // An entry point imported, even for a type.
      { from: "src/run/scan.ts", to: "src/index.ts", typeOnly: true },
      { from: "src/cli/program.ts", to: "src/index.ts", typeOnly: false },
      // A cycle: index <-> run (the second leg is also an entry import).
      { from: "src/index.ts", to: "src/run/scan.ts", typeOnly: false },
      { from: "src/run/scan.ts", to: "src/run/prepare.ts", typeOnly: false },
      { from: "src/run/prepare.ts", to: "src/run/scan.ts", typeOnly: false },
      // A rule takes a value from the model; another only a type.
      { from: "rules/a.ts", to: "src/policy/pgp.ts", typeOnly: false },
      { from: "rules/b.ts", to: "src/policy/model.ts", typeOnly: true },
      // A file outside every layer.
      { from: "src/engine/lint.ts", to: "src/loose.ts", typeOnly: false },
    ];
    const v = violations(bad);
    expect(v.upward).toEqual(["src/policy/model.ts -> src/io/files.ts", "src/engine/lint.ts -> src/loose.ts"]);
    expect(v.entry).toEqual(["src/run/scan.ts -> src/index.ts", "src/cli/program.ts -> src/index.ts"]);
    expect(v.cycles).toEqual([["src/run/prepare.ts", "src/run/scan.ts"]]);
    expect(v.ruleValues).toEqual(["rules/a.ts -> src/policy/pgp.ts"]);

    const good: Edge[] = [
      { from: "src/cli/program.ts", to: "src/cli/launch.ts", typeOnly: false },
      { from: "src/index.ts", to: "src/run/scan.ts", typeOnly: false },
      { from: "src/run/scan.ts", to: "src/run/prepare.ts", typeOnly: false },
      { from: "src/run/prepare.ts", to: "src/engine/lint.ts", typeOnly: false },
      { from: "src/engine/lint.ts", to: "src/engine/rule.ts", typeOnly: false },
      { from: "rules/a.ts", to: "src/engine/rule.ts", typeOnly: false },
      { from: "rules/a.ts", to: "src/policy/model.ts", typeOnly: true },
      { from: "src/engine/rule.ts", to: "src/run/prepare.ts", typeOnly: true },
    ];
    expect(violations(good)).toEqual({ upward: [], entry: [], cycles: [], ruleValues: [] });
  });

  it("finds a self-import and a longer cycle", () => {
    const cycles = valueCycles([
      { from: "a", to: "a", typeOnly: false },
      { from: "b", to: "c", typeOnly: false },
      { from: "c", to: "d", typeOnly: false },
      { from: "d", to: "b", typeOnly: false },
      { from: "d", to: "e", typeOnly: true },
      { from: "e", to: "d", typeOnly: false },
    ]);
    expect(cycles).toEqual([["a"], ["b", "c", "d"]]);
  });
});

describe("the project's imports", () => {
  const edges = projectGraph();
  const found = violations(edges);

  it("reads the project (the graph is not empty, and every file is in a layer)", () => {
    expect(edges.length).toBeGreaterThan(100);
    const loose = [...sources("src"), ...sources("rules")].filter((f) => layerOf(f) === null);
    expect(loose).toEqual([]);
  });

  it("points value imports down only", () => {
    expect(found.upward.filter((e) => !UPWARD_PENDING.has(e))).toEqual([]);
  });

  it("never imports an entry point from outside it", () => {
    expect(found.entry).toEqual([]);
  });

  it("has the engine take the rule registry and the configuration as arguments: no value import of either", () => {
    const taken = edges.filter(
      (e) => !e.typeOnly && layerOf(e.from) === "engine" && (layerOf(e.to) === "rules" || layerOf(e.to) === "config"),
    );
    expect(taken.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("has no cycle among value imports", () => {
    expect(found.cycles).toEqual([]);
  });

  it("has rules import only types from the policy model, but for the listed rules the model work removes", () => {
    expect(found.ruleValues.filter((e) => !RULE_VALUE_IMPORTS_PENDING.has(e))).toEqual([]);
  });
});
