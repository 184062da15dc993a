// Build the browser playground into playground/dist/: index.html, playground.css and playground.js, one
// classic script with the whole linter (openpgp and the YAML parser included: no chunk to load, since
// pages opened from file:// cannot load modules). `platform: "browser"` makes a Node built-in anywhere in
// the graph fail the build. Prints the bundle's size, plain and gzipped.
import { copyFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { patches } from "./patches.mjs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const source = new URL("../playground/", import.meta.url);
const out = new URL("../playground/dist/", import.meta.url);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { playground: "playground/main.ts" },
  outdir: "playground/dist",
  bundle: true,
  platform: "browser",
  format: "iife",
  target: ["chrome111", "firefox113", "safari16.4"],
  minify: true,
  legalComments: "linked",
  logLevel: "warning",
  alias: { "jsonc-parser": "jsonc-parser/lib/esm/main.js" },
  plugins: [patches],
  define: { __SECPOLICY_LINT_VERSION__: JSON.stringify(pkg.version), __SECPOLICY_LINT_ENGINES__: JSON.stringify(pkg.engines.node) },
});
copyFileSync(new URL("index.html", source), new URL("index.html", out));
copyFileSync(new URL("style.css", source), new URL("playground.css", out));

const script = readFileSync(new URL("playground.js", out));
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(
  `playground/dist/playground.js: ${script.length} bytes (${kb(script.length)}), ${gzipSync(script, { level: 9 }).length} bytes gzipped (${kb(gzipSync(script, { level: 9 }).length)})`,
);
