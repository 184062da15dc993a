import { defineRule } from "../src/engine/rule.js";

export default defineRule({
  meta: {
    id: "no-mislabeled-code-fence",
    description: "Disallow a code fence whose language tag names a language its content is not (YAML fenced as haskell, shell as json)",
    severity: "warn",
    messages: {
      wrapped:
        "Unexpected fence around the whole policy, expected the policy as plain markdown: GitHub shows a fenced policy as code, not as a policy",
      mislabeled: "Unexpected language `{lang}` on a fence that holds {actual}, expected `{expected}`",
    },
  },
  async check(policy, context) {
    if (policy.fence) context.report({ messageId: "wrapped", range: policy.fence.range });
    const names = { json: "JSON", yaml: "YAML", toml: "TOML", ini: "INI", shell: "shell commands" } as const;
    const tagged = policy.codeBlocks.filter((code) => code.lang !== null && code.language !== null);
    if (tagged.length === 0) return;
    // The YAML parser loads only for a policy with a tagged fence.
    const parse = await policy.yamlParser();
    for (const code of tagged) {
      const labelled = code.language;
      if (labelled === null || code.lang === null) continue;
      const actual = code.contentLanguage(parse);
      if (actual === null) continue;
      // A shell session shows output too; only data formats are a clear mislabel there.
      if (labelled === "shell" && actual === "shell") continue;
      // `NAME=value` lines are shell too; INI or TOML is clear only with a `[section]` header.
      if (
        labelled === "shell" &&
        (actual === "ini" || actual === "toml") &&
        !code.value.split("\n").some((line) => /^\[[\w.\-" ]+\]$/.test(line.trim()))
      )
        continue;
      if (code.fits(actual)) continue;
      // JSON is a valid literal in most programming languages, and `x = 1` lines are valid Python or Ruby:
      // under another language's tag only YAML and shell commands are clearly out of place.
      if (labelled === "other" && actual !== "yaml" && actual !== "shell") continue;
      const lang = code.lang.split(/\s/)[0] ?? code.lang;
      const expected = actual === "shell" ? "sh" : actual;
      const fenceLine = policy.source.indexOf(lang, code.range.start);
      const range =
        fenceLine !== -1 && fenceLine < (code.valueStart ?? code.range.end)
          ? { start: fenceLine, end: fenceLine + lang.length }
          : code.range;
      context.report({ messageId: "mislabeled", data: { lang, actual: names[actual], expected }, range });
    }
  },
});
