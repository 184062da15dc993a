/** The published build: one CLI entry whose start-up code leaves optional parts to chunks loaded on first use. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

const DIST = path.join(ROOT, "dist");

/** The files Node loads before running the CLI: the entry and its static imports, transitively. */
function startupFiles(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(path.join(DIST, file), "utf8");
    for (const m of text.matchAll(/(?:^|[;}\s])import\s*(?:[\w{}\s,*$]+from\s*)?["'](\.\/[^"']+)["']/g)) visit(path.normalize(m[1] as string));
  };
  visit(entry);
  return [...seen];
}

describe("build", () => {
  it("bundles the CLI and its worker with source maps", () => {
    for (const file of ["cli.js", "cli.js.map", "worker.js", "index.js"]) expect(existsSync(path.join(DIST, file)), file).toBe(true);
    expect(readFileSync(path.join(DIST, "cli.js"), "utf8").startsWith("#!/usr/bin/env node")).toBe(true);
  });

  it("leaves the YAML parser out of start-up: it loads only for a YAML configuration", () => {
    const files = startupFiles("cli.js");
    expect(files.length).toBeGreaterThan(1);
    const code = files.map((f) => readFileSync(path.join(DIST, f), "utf8")).join("\n");
    expect(code).toMatch(/import\("\.\/chunk-[\w-]+\.js"\)/);
    expect(code).not.toContain("YAMLParseError");
  });

  it("keeps zod's locales out of start-up: sources import zod as a namespace", () => {
    // `import { z } from "zod"` keeps every locale in the bundle; `import * as z` lets esbuild drop them.
    const code = startupFiles("cli.js").map((f) => readFileSync(path.join(DIST, f), "utf8")).join("\n");
    // Minified output escapes non-ASCII letters (`Ung\\xFCltige`): look for ASCII words of the German and Spanish locales.
    expect(code).not.toMatch(/Eingabe|Entrada inv/);
  });
});
