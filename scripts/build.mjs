// Build the published files: the CLI as one bundled ESM entry (fast start-up) with its worker-thread
// entry beside it, code that only some runs need (YAML configs, OpenPGP, iconv tables) split into
// chunks that load on first use, and the library entry built separately for importers.
import { readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Minified code compiles faster; the source maps keep stack traces readable (--enable-source-maps).
  minify: true,
  sourcemap: true,
  logLevel: "warning",
  // openpgp is loaded with a dynamic import only when a policy holds a key block: keep it out of the
  // bundle so a policy without a key never parses it.
  external: ["openpgp"],
  define: { __SECPOLICY_LINT_VERSION__: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies may call require(); give each ESM file one.
  banner: { js: "import { createRequire as __secpolicyCreateRequire } from 'node:module'; const require = __secpolicyCreateRequire(import.meta.url);" },
};
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
// cli.js and worker.js share chunks; `await import()` targets become chunks of their own. Chunks sit
// beside the entries so `new URL("./worker.js", import.meta.url)` resolves from any of them.
await build({
  ...common,
  entryPoints: { cli: "src/cli.ts", worker: "src/worker.ts" },
  outdir: "dist",
  splitting: true,
  chunkNames: "chunk-[hash]",
});
// The library is not minified: importers read and debug it.
await build({ ...common, minify: false, entryPoints: { index: "src/index.ts" }, outdir: "dist", splitting: true, chunkNames: "lib-[hash]" });
