/**
 * The build's patches (scripts/patches.mjs). The published bundles reuse one micromark parser
 * and one mdast compiler across documents. Reuse must change no tree: the linter's parse module, bundled
 * with the patch, parses every fixture, seed and corpus file one after another (so state left by one
 * document would show in the next), and each tree must equal the unpatched library's (the GFM autolink
 * pass, which walks the tree with the patched unist-util-visit-parents, included). fdir no longer looks
 * for picomatch when it loads.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the build scripts, without types.
import { patches } from "../scripts/patches.mjs";
import { FIXTURES, ROOT, SHARED } from "./helpers.js";

type Parse = (text: string) => Root;
let patched: Parse;
let unpatchedBundle: Parse;
/** The library as published, a fresh parser and compiler per call. */
const reference: Parse = (text) => fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()].flat() });

/** Bundle src/policy/text/parse.ts with or without the patch and import its parseMarkdown. */
async function bundle(withPatch: boolean): Promise<Parse> {
  const dir = mkdtempSync(path.join(tmpdir(), "secpolicy-parse-patch-"));
  const outfile = path.join(dir, `parse-${withPatch ? "patched" : "plain"}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, "src/policy/text/parse.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile,
    logLevel: "error",
    plugins: withPatch ? [patches] : [],
  });
  const bundled = await import(pathToFileURL(outfile).href);
  return bundled.parseMarkdown as Parse;
}

/** The bundle of a one-line entry module, with or without the patches. */
async function bundled(entry: string, plugins: import("esbuild").Plugin[]): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT },
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "silent",
    plugins,
  });
  return result.outputFiles[0]?.text ?? "";
}

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p));
    else if (/\.(md|markdown)$/i.test(name) || (dir.endsWith("seeds") && !name.startsWith("."))) out.push(p);
  }
  return out;
}

beforeAll(async () => {
  patched = await bundle(true);
  unpatchedBundle = await bundle(false);
});

describe("the build's parser patch", () => {
  it("is applied: the patched bundle differs from the plain one", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "secpolicy-parse-patch-"));
    const result = await build({
      entryPoints: [path.join(ROOT, "src/policy/text/parse.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      write: false,
      outdir: dir,
      logLevel: "error",
      plugins: [patches],
    });
    const text = result.outputFiles[0]?.text ?? "";
    expect(text).toContain("secpolicyCompilers");
    expect(text).toContain("secpolicyMerged");
    expect(text).toContain("data: {}");
    // Each token's handler gets the document's one context, not a copy per token.
    expect(text).toMatch(/handler\[events\[(index\d*)\]\[1\]\.type\]\.call\(context, events\[\1\]\[1\]\)/);
    // Autolink literals are tried only where the text ahead allows one.
    expect(text).toContain("secpolicyMaybe(this, secpolicyEmailAhead)");
    expect(text).toContain("secpolicyMaybe(this, secpolicyProtocolAhead)");
    expect(text).toContain("secpolicyMaybe(this, secpolicyWwwAhead)");
    // The constructs to try are listed once per table and character; entity names are loaded on first use.
    expect(text).toMatch(/handleListOfConstructs\(secpolicyConstructList\(map, code\d*\)\)/);
    expect(text).toContain("secpolicyEntities ??=");
    // The table extension rebuilds events with an index, not an iterator.
    expect(text).toMatch(/for \(let i\d* = 0; i\d* < slice\d*\.length; i\d*\+\+\) events\d*\.push\(slice\d*\[i\d*\]\)/);
  });

  it("decodes character references as the library does, the named ones from a table loaded on first use", () => {
    for (const text of [
      "&copy; 2026 &amp; &nbsp;&#169; &#x1F512; &notanentity; &AElig;",
      "[a&amp;b](https://x.org/?a=1&amp;b=2)",
      "no references",
    ])
      expect(patched(text), text).toEqual(reference(text));
  });

  it("links autolink literals as the library does where its look-ahead decides, and where it must leave the decision to the tokenizer", () => {
    const cases = [
      // Addresses: plain, with + - . _, at the start and end of a line, before punctuation, split by a tab.
      "Write to security@example.org.",
      "a.b+c_d-e@mail.example.co.uk, or x@y.z",
      "security@example.org",
      "tabbed\tsecurity@example.org\tand\tsecurity\t@example.org",
      "no domain security@ or @example.org or user@localhost or user@example.c0m",
      "in *emphasis@example.org* and _under_score@example.org_ and `code@example.org`",
      "after a slash /user@example.org and a link [mail](mailto:x@example.org) [y@example.org](https://e.org)",
      "unbalanced [ bracket then user@example.org ] and ![img](x) a@b.co",
      "entity &amp;user@example.org and escaped \\_user@example.org",
      // URLs: any case, at a line's end, cut short, without slashes, inside words.
      "See https://example.org/a?b#c and HTTP://EXAMPLE.ORG and Https://x.y/z.",
      "line ends in http\nand https\nand https:\nand http://\nnext",
      "httpx://no.org htt://no.org http:no.org https:/no.org thttps://no.org ahttp://no.org",
      "www.example.org WWW.EXAMPLE.ORG Www.x.y ww.no.org wwww.no.org www. www\nwww.z.org",
      "(www.example.org) *www.example.org* _www.example.org_ ~www.example.org~ [www.example.org]",
      "a\twww.example.org\thttps://example.org\tuser@example.org",
      "| a | user@example.org |\n| - | - |\n| www.example.org | https://x.org/y |",
      "> quoted https://example.org and\n> user@example.org\n\n- item www.example.org\n  lazy user@example.org",
    ];
    for (const text of cases) expect(patched(text), text).toEqual(reference(text));
  });

  it("fails the build when the library's text is not what it expects", async () => {
    // Another version of the library, as far as the patch can tell: the call it rewrites is missing.
    const dir = mkdtempSync(path.join(tmpdir(), "secpolicy-parse-patch-"));
    const lib = path.join(dir, "node_modules", "mdast-util-from-markdown", "lib");
    mkdirSync(lib, { recursive: true });
    writeFileSync(path.join(lib, "index.js"), "export function fromMarkdown(value) { return value; }\n");
    await expect(
      build({
        stdin: {
          contents: `import { fromMarkdown } from ${JSON.stringify(path.join(lib, "index.js"))}; fromMarkdown("x");`,
          resolveDir: dir,
        },
        bundle: true,
        write: false,
        logLevel: "silent",
        plugins: [patches],
      }),
    ).rejects.toThrow(/patches: .* does not contain exactly one/);
  });

  it("keeps fdir from looking for picomatch at load, where tinyglobby needs it not", async () => {
    const entry = 'export { globSync } from "tinyglobby";';
    expect(await bundled(entry, [])).toContain('__require.resolve("picomatch")');
    expect(await bundled(entry, [patches])).not.toContain('"picomatch"');
  });

  it("keeps unist-util-visit-parents from naming a closure per node", async () => {
    const entry = 'export { visitParents } from "unist-util-visit-parents";';
    expect(await bundled(entry, [])).toMatch(/defineProperty\(visit, "name"/);
    expect(await bundled(entry, [patches])).not.toMatch(/defineProperty\(visit, "name"/);
  });

  it("gives every fixture, seed and corpus file the tree the unpatched library gives, parsed one after another", () => {
    const files = [...markdownFiles(FIXTURES), ...markdownFiles(path.join(SHARED, "seeds")), ...markdownFiles(path.join(SHARED, "corpus"))];
    expect(files.length).toBeGreaterThan(200);
    let compared = 0;
    // Forwards and backwards: each document follows a different one the second time.
    for (const file of [...files, ...[...files].reverse()]) {
      const text = readFileSync(file, "utf8");
      let expected: Root;
      try {
        expected = unpatchedBundle(text);
      } catch (error) {
        // A file past the shape limits is refused alike by both.
        expect(() => patched(text), file).toThrow((error as Error).message);
        continue;
      }
      expect(patched(text), file).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(400);
  });

  it("parses like the published library: the linter's bundle without the patch equals fromMarkdown", () => {
    const text = "# Policy\n\nWrite to security@example.org or https://example.org/report.\n\n| a | b |\n| - | - |\n| 1 | 2 |\n";
    expect(unpatchedBundle(text)).toEqual(reference(text));
  });

  it("forgets one document's definitions before the next", () => {
    const withDefinition = patched("See [the form][report].\n\n[report]: https://example.org/report\n");
    expect(JSON.stringify(withDefinition)).toContain('"linkReference"');
    // The same reference without its definition is text, as in a fresh parser.
    const without = patched("See [the form][report].\n");
    expect(JSON.stringify(without)).not.toContain('"linkReference"');
    expect(without).toEqual(reference("See [the form][report].\n"));
  });

  it("forgets a footnote definition and a lazy line before the next document", () => {
    const first = "> quoted\nlazy continuation\n\nText[^1].\n\n[^1]: A note.\n";
    const second = "Text[^1].\n\n> quoted\n\nnot lazy\n";
    expect(patched(first)).toEqual(reference(first));
    expect(patched(second)).toEqual(reference(second));
    expect(patched(first)).toEqual(reference(first));
  });
});
