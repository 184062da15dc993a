// `npm run docs`: write docs/rules/*.md, schema/secpolicy-lint.schema.json and the README's rule table.
// The generator is TypeScript (it imports the rules), so bundle it with esbuild and run the bundle.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, "node_modules", ".cache", "secpolicy-lint-docs.mjs");
await build({
  entryPoints: [path.join(root, "scripts", "docs-lib.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outfile,
  logLevel: "warning",
});
const { generatedFiles } = await import(pathToFileURL(outfile).href);
const files = generatedFiles(root);
// Pages of rules that no longer exist go away.
const docsDir = path.join(root, "docs", "rules");
mkdirSync(docsDir, { recursive: true });
for (const f of readdirSync(docsDir)) if (!files.has(`docs/rules/${f}`)) rmSync(path.join(docsDir, f));
for (const [rel, text] of files) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}
console.log(`wrote ${files.size} files`);
