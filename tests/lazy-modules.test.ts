/**
 * The build's lazy modules (scripts/lazy-modules.mjs): a package imported through the plugin is initialised
 * on the first call of one of its functions, not when the bundle loads, and the bundle still calls the real
 * functions. Checked on a package made for the test, whose top level leaves a mark on a global.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the build scripts, without types.
import { lazyModules } from "../scripts/lazy-modules.mjs";

const MARK = "__secpolicyLazyTestLoaded";

/** A folder with an entry module and two packages, one ES module and one CommonJS, each marking its load. */
function project(entry: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "secpolicy-lazy-"));
  const esm = path.join(dir, "node_modules", "greeter");
  mkdirSync(esm, { recursive: true });
  writeFileSync(path.join(esm, "package.json"), JSON.stringify({ name: "greeter", type: "module", main: "index.js" }));
  writeFileSync(
    path.join(esm, "index.js"),
    `(globalThis.${MARK} ??= []).push("greeter");\nexport function hello(x) { return "hello " + x; }\nexport function bye(x) { return "bye " + x; }\nexport const unused = () => "never";\n`,
  );
  const cjs = path.join(dir, "node_modules", "counter");
  mkdirSync(cjs, { recursive: true });
  writeFileSync(path.join(cjs, "package.json"), JSON.stringify({ name: "counter", main: "index.js" }));
  writeFileSync(path.join(cjs, "index.js"), `(globalThis.${MARK} ??= []).push("counter");\nexports.twice = (n) => 2 * n;\n`);
  writeFileSync(path.join(dir, "entry.js"), entry);
  return dir;
}

const TABLE = { greeter: ["hello", "bye"], counter: ["twice"] };

async function bundle(dir: string): Promise<string> {
  const outfile = path.join(dir, "out.mjs");
  await build({
    entryPoints: [path.join(dir, "entry.js")],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile,
    logLevel: "silent",
    logOverride: { "import-is-undefined": "error" },
    plugins: [lazyModules(TABLE)],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

it("initialises a package on the first call of one of its functions, and each package only once", async () => {
  const dir = project(
    [
      'import * as greeter from "greeter";',
      'import counter from "counter";',
      "export const greet = (x) => greeter.hello(x) + ', ' + greeter.bye(x);",
      "export const double = (n) => counter.twice(n);",
    ].join("\n"),
  );
  const outfile = await bundle(dir);
  const g = globalThis as Record<string, unknown>;
  delete g[MARK];
  const mod = (await import(pathToFileURL(outfile).href)) as { greet(x: string): string; double(n: number): number };
  expect(g[MARK]).toBeUndefined();
  expect(mod.greet("you")).toBe("hello you, bye you");
  expect(g[MARK]).toEqual(["greeter"]);
  expect(mod.double(21)).toBe(42);
  expect(mod.greet("again")).toBe("hello again, bye again");
  expect(g[MARK]).toEqual(["greeter", "counter"]);
  delete g[MARK];
});

it("fails the build when the code calls a function the table does not list", async () => {
  const dir = project('import * as greeter from "greeter";\nexport const x = () => greeter.unused();\n');
  await expect(bundle(dir)).rejects.toThrow(/unused/);
});

it("is what keeps the packages from loading: without the plugin both load with the bundle", async () => {
  const dir = project(
    'import * as greeter from "greeter";\nimport counter from "counter";\nexport const f = () => greeter.hello(counter.twice(1));\n',
  );
  const outfile = path.join(dir, "eager.mjs");
  await build({ entryPoints: [path.join(dir, "entry.js")], bundle: true, platform: "node", format: "esm", outfile, logLevel: "silent" });
  const g = globalThis as Record<string, unknown>;
  delete g[MARK];
  await import(pathToFileURL(outfile).href);
  expect(g[MARK]).toEqual(["greeter", "counter"]);
  delete g[MARK];
});
