import * as z from "zod";
import { defineRule } from "../src/engine/rule.js";
import type { Contact } from "../src/policy/facts/contacts.js";

export default defineRule({
  meta: {
    id: "consistent-contacts",
    description: "Require one security reporting address throughout the policy",
    severity: "error",
    options: () =>
      z
        .object({
          expected: z
            .array(z.string().email())
            .describe("The reporting addresses the policy must use, e.g. an organisation's `security@` address"),
        })
        .strict(),
    defaultOptions: { expected: [] },
    messages: {
      second: "Unexpected second reporting address `{value}`, expected `{primary}` as given at line {line}",
      unexpected: "Unexpected reporting address `{value}`, expected {expected}",
      absent: "Missing reporting address {expected}, expected the policy to name it",
      mailto: "Unexpected link text `{shown}` for `mailto:{target}`, expected the link to show the address it sends to",
    },
  },
  check(policy, context) {
    const security = policy.contacts.filter((c): c is Contact => c.kind === "email" && c.role === "report");
    const expected = context.options.expected.map((e) => e.toLowerCase());
    if (expected.length > 0) {
      const list = expected.map((e) => `\`${e}\``).join(" or ");
      for (const c of security) {
        if (!expected.includes(c.value))
          context.report({ messageId: "unexpected", data: { value: c.value, expected: list }, range: c.range });
      }
      if (!policy.contacts.some((c) => c.kind === "email" && expected.includes(c.value))) {
        const reporting = policy.sections.find((s) => s.kind === "reporting");
        context.report({ messageId: "absent", data: { expected: list }, range: reporting ? reporting.heading : policy.start });
      }
    } else {
      // The primary address is the one the policy gives most often (the first on a tie).
      const counts = new Map<string, number>();
      for (const c of security) counts.set(c.value, (counts.get(c.value) ?? 0) + 1);
      let primary: Contact | undefined;
      for (const c of security) {
        if (!primary || (counts.get(c.value) ?? 0) > (counts.get(primary.value) ?? 0)) primary = c;
      }
      if (primary) {
        const main = primary;
        // Blocks where the primary address appears, as a set: checking each contact against a list was quadratic.
        const mainBlocks = new Set(security.filter((o) => o.value === main.value).map((o) => o.block));
        // Addresses listed side by side with the primary one (in the same paragraph, row or list item) are
        // deliberate alternatives, not a copy-paste mismatch.
        const together = new Set(security.filter((c) => c.block && c.block === main.block).map((c) => c.value));
        // A table that lists several addresses, one per row, is a directory (one contact per product or
        // team), written that way on purpose.
        const perTable = new Map<unknown, Set<string>>();
        for (const c of security) {
          const table = c.block?.table;
          if (table) perTable.set(table, (perTable.get(table) ?? new Set()).add(c.value));
        }
        const directory = (c: Contact): boolean => (c.block?.table ? (perTable.get(c.block.table)?.size ?? 0) > 1 : false);
        for (const c of security) {
          if (c.value !== main.value && !together.has(c.value) && !mainBlocks.has(c.block) && !directory(c)) {
            context.report({
              messageId: "second",
              data: { value: c.value, primary: main.value, line: context.lineOf(main.range.start) },
              range: c.range,
            });
          }
        }
      }
    }
    for (const m of policy.mailtoMismatches) {
      context.report({ messageId: "mailto", data: { shown: m.shown, target: m.target }, range: m.range });
    }
  },
});
