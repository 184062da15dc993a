// Build the published files: the CLI as one bundled program with its worker-thread entry beside it, code
// that only some runs need (YAML configs, OpenPGP) loaded on first use, and the library entry built
// separately for importers. Every dependency is bundled: dist/ runs with no node_modules at all.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";
import { LAZY_MODULES, lazyModules } from "./lazy-modules.mjs";
import { patches } from "./patches.mjs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

/**
 * chalk's colour detection (its vendored supports-color) loads node:tty, and with it net and stream, when
 * it is loaded, to decide the default instance's colours. Nothing here uses that instance: the reports
 * take their colour as an option (decided by src/cli/program.ts from --color, NO_COLOR, FORCE_COLOR and
 * a terminal) and give every `new Chalk` a level. chalk gets "no colour support" instead.
 */
const noColourDetection = {
  name: "no-colour-detection",
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, (args) =>
      /[\\/]chalk[\\/]/.test(args.importer) ? { path: "supports-color", namespace: "no-colour-detection" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "no-colour-detection" }, () => ({
      contents: "export default { stdout: false, stderr: false };",
      loader: "js",
    }));
  },
};

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Minified code compiles faster; the source maps keep stack traces readable (--enable-source-maps).
  minify: true,
  sourcemap: true,
  logLevel: "warning",
  // jsonc-parser's `main` is a UMD build whose factory requires its parts by computed names, which a
  // bundler cannot follow; its ES module build can be bundled.
  alias: { "jsonc-parser": "jsonc-parser/lib/esm/main.js" },
  define: { __SECPOLICY_LINT_VERSION__: JSON.stringify(pkg.version), __SECPOLICY_LINT_ENGINES__: JSON.stringify(pkg.engines.node) },
  plugins: [lazyModules(LAZY_MODULES), patches, noColourDetection],
  // A name imported from a lazily loaded module that it does not forward (see LAZY_MODULES) fails the build.
  logOverride: { "import-is-undefined": "error" },
  // Bundled CommonJS dependencies may call require(); give each ESM file one.
  banner: {
    js: "import { createRequire as __secpolicyCreateRequire } from 'node:module'; const require = __secpolicyCreateRequire(import.meta.url);",
  },
};
const dist = new URL("../dist/", import.meta.url);
rmSync(dist, { recursive: true, force: true });

// The worker thread's entry, the YAML parser, openpgp and the language server (`lsp`, with
// vscode-languageserver bundled in), as ES modules. `await import()` targets become
// chunks of their own (openpgp is imported only when a policy holds a key block); chunks sit beside the
// entries so `new URL("./worker.js", import.meta.url)` resolves from any of them. The YAML module and
// openpgp are entries with fixed names so the CLI's program can import them too; so is the language server,
// which only the `lsp` command imports.
await build({
  ...common,
  entryPoints: {
    worker: "src/run/worker.ts",
    "chunk-yaml": "src/policy/formats/yaml.ts",
    "chunk-openpgp": "openpgp",
    "chunk-lsp": "src/lsp/server.ts",
  },
  outdir: "dist",
  splitting: true,
  chunkNames: "chunk-[hash]",
});

// The CLI's program (src/cli/program.ts) as a classic script: dist/cli.cjs (src/cli/launch.ts) runs it through
// vm.Script with a V8 code cache, which Node 20 offers for scripts but not for ES modules. The loader
// passes in `require`, the bundle's URL (for `import.meta.url`) and `import()`, which a script compiled
// from cached data cannot call itself.
const DYNAMIC = "__secpolicyImport";
/** The function the program's text is the body of: the loader calls it with these (src/cli/launch.ts). */
const PROGRAM_WRAPPER_START = `(function (exports, require, module, __secpolicyMetaUrl, ${DYNAMIC}) {`;
const PROGRAM_WRAPPER_END = "})";
await build({
  ...common,
  entryPoints: { "chunk-cli": "src/cli/program.ts" },
  outdir: "dist",
  format: "cjs",
  banner: {},
  define: { ...common.define, "import.meta.url": "__secpolicyMetaUrl" },
  plugins: [
    ...common.plugins,
    {
      // commander requires node:child_process at load, for executable subcommands, which this CLI has
      // none of. Loading it (with net, stream and dgram) cost a few milliseconds of every run: commander
      // gets an object that loads the module on first use instead.
      name: "lazy-child-process",
      setup(b) {
        b.onResolve({ filter: /^node:child_process$/ }, (args) =>
          /[\\/]commander[\\/]/.test(args.importer) ? { path: "child_process", namespace: "lazy-builtin" } : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, () => ({
          contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
          loader: "js",
          resolveDir: ".",
        }));
      },
    },
    {
      // The YAML parser and openpgp stay out of the program: they are the ES modules chunk-yaml.js and
      // chunk-openpgp.js, imported on first use.
      name: "lazy-chunks",
      setup(b) {
        b.onResolve({ filter: /(?:^|\/)yaml\.js$/ }, (args) =>
          args.kind === "dynamic-import" ? { path: "./chunk-yaml.js", external: true } : undefined,
        );
        b.onResolve({ filter: /^openpgp$/ }, (args) =>
          args.kind === "dynamic-import" ? { path: "./chunk-openpgp.js", external: true } : undefined,
        );
        b.onResolve({ filter: /(?:^|\/)lsp\/server\.js$/ }, (args) =>
          args.kind === "dynamic-import" ? { path: "./chunk-lsp.js", external: true } : undefined,
        );
      },
    },
  ],
});
const program = new URL("chunk-cli.js", dist);
let text = readFileSync(program, "utf8").replace(/^#!.*\n/, "");
text = text.replace(/\bimport\((["'])(\.\/chunk-(?:openpgp|yaml|lsp)\.js)\1\)/g, `${DYNAMIC}("$2")`);
if (/\bimport\s*\(/.test(text) || /\bimport\.meta\b/.test(text))
  throw new Error("dist/chunk-cli.js: an import() or import.meta is left; a script run by vm.Script cannot use them");
if (!["openpgp", "yaml", "lsp"].every((name) => text.includes(`${DYNAMIC}("./chunk-${name}.js")`)))
  throw new Error("dist/chunk-cli.js: the lazy imports of openpgp, the YAML chunk and the language server were not found");
// esbuild leaves non-ASCII characters in regular expression literals as they are. Written as \u escapes
// (which mean the same in strings, templates, regular expressions and identifiers), the program is ASCII:
// the loader reads it as latin1 into a one-byte string, about half the time of decoding UTF-8, at half
// the memory (src/cli/launch.ts).
text = text.replace(/[^\t\n\r\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
if (/String\.raw/.test(text)) throw new Error("dist/chunk-cli.js: String.raw would see the \\u escapes written for non-ASCII characters");
// The loader compiles the program as one function of what it passes in (src/cli/launch.ts). Written into
// the file, the wrapper costs the loader nothing; wrapped there, V8 had to copy the 640 KB text into one
// string before compiling it. The source map's lines move down by the wrapper's one.
writeFileSync(program, `${PROGRAM_WRAPPER_START}\n${text}\n${PROGRAM_WRAPPER_END}`);
const programMap = new URL("chunk-cli.js.map", dist);
const map = JSON.parse(readFileSync(programMap, "utf8"));
map.mappings = `;${map.mappings}`;
writeFileSync(programMap, JSON.stringify(map));

// The entry: a small CommonJS file that runs the program (dist/cli.cjs). Node starts a CommonJS entry
// without its ES module loader, which an ES module entry costs about 7 ms of every run to set up; the
// program's own `import()`s (openpgp, YAML, the language server) still load ES module chunks.
await build({
  ...common,
  format: "cjs",
  banner: { js: '"use strict";\nconst __secpolicyEntryUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { ...common.define, "import.meta.url": "__secpolicyEntryUrl" },
  entryPoints: { cli: "src/cli/launch.ts" },
  outExtension: { ".js": ".cjs" },
  outdir: "dist",
});

// The library is not minified: importers read and debug it.
await build({
  ...common,
  minify: false,
  entryPoints: { index: "src/index.ts", unified: "src/unified.ts" },
  outdir: "dist",
  splitting: true,
  chunkNames: "lib-[hash]",
});
