import { defineRule } from "../src/engine/rule.js";

const PAGE_NAMES = { "windows-1252": "Windows-1252", macintosh: "Mac Roman" } as const;

export default defineRule({
  meta: {
    id: "no-mojibake",
    description: "Disallow text garbled by a wrong decoding (UTF-8 read as Windows-1252 or Mac Roman)",
    severity: "error",
    fixable: true,
    messages: {
      garbled: "Unexpected garbled text `{text}` (UTF-8 read as {page}), expected `{repaired}`",
    },
  },
  check(policy, context) {
    for (const run of policy.mojibake) {
      context.report({
        messageId: "garbled",
        data: { text: run.text, page: PAGE_NAMES[run.codePage], repaired: run.repaired },
        range: { start: run.start, end: run.end },
        fix: { range: { start: run.start, end: run.end }, text: run.repaired },
      });
    }
  },
});
