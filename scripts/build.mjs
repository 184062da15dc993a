// Build the published files: the CLI as one bundled ESM file (fast start-up), the library entry beside it.
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  // openpgp is loaded with a dynamic import only when a policy holds a key block: keep it out of the
  // bundle so a policy without a key never parses it.
  external: ["openpgp"],
  define: { __SECPOLICY_LINT_VERSION__: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies may call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __secpolicyCreateRequire } from 'node:module'; const require = __secpolicyCreateRequire(import.meta.url);" },
};
await build({ ...common, entryPoints: { cli: "src/cli.ts" }, outdir: "dist" });
await build({ ...common, entryPoints: { index: "src/index.ts" }, outdir: "dist" });
