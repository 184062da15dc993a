import * as z from "zod";
import { defineRule } from "../src/engine/rule.js";

function quote(text: string, max = 70): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export default defineRule({
  meta: {
    id: "no-template-text",
    description: "Disallow text left over from templates: GitHub's sample sentences, template variables, notes to the author, TODO markers",
    severity: "error",
    options: () =>
      z
        .object({
          allow: z.array(z.string()).describe("Leftovers to accept, written exactly as they appear (e.g. `TBD`)"),
        })
        .strict(),
    defaultOptions: { allow: [] },
    messages: {
      "github-default": "Unexpected GitHub template sentence `{text}`, expected the policy's own words in its place",
      variable: "Unexpected template variable `{text}`, expected the value it stands for",
      instruction: "Unexpected note to the author `{text}`, expected the finished text",
      marker: "Unexpected unfinished-text marker `{text}`, expected the section to be written",
    },
  },
  check(policy, context) {
    const allowed = new Set(context.options.allow);
    const inKey = (start: number): boolean => policy.keyBlocks.some((b) => start >= b.start && start < b.end);
    const inStandIn = (start: number, end: number): boolean => policy.standIns.some((s) => s.range.start < end && s.range.end > start);
    for (const leftover of policy.templateText) {
      if (allowed.has(leftover.text)) continue;
      // A bracketed stand-in where an address belongs is no-placeholder-contact's to report; a note to the
      // author is a leftover wherever it stands.
      if (inKey(leftover.range.start) || (leftover.kind !== "instruction" && inStandIn(leftover.range.start, leftover.range.end))) continue;
      context.report({ messageId: leftover.kind, data: { text: quote(leftover.text) }, range: leftover.range });
    }
  },
});
