import * as z from "zod";
import { defineRule } from "../src/engine/rule.js";

const DAY = 24 * 60 * 60 * 1000;

export default defineRule({
  meta: {
    id: "no-stale-date",
    description: 'Require the policy\'s "Last updated", "Last reviewed" or "Effective" date to be recent and not in the future',
    severity: "warn",
    options: () =>
      z
        .object({
          maxAgeDays: z.number().int().positive().describe("How old the policy's own date may be, in days"),
        })
        .strict(),
    defaultOptions: { maxAgeDays: 365 },
    messages: {
      stale:
        'Unexpected stale date `{text}` after "{label}" ({days} days ago), expected a review within {max} days: review the policy and update the date',
      future: 'Unexpected future date `{text}` after "{label}", expected a date no later than today ({today})',
    },
  },
  check(policy, context) {
    const now = context.now.getTime();
    const max = context.options.maxAgeDays;
    for (const d of policy.labeledDates) {
      const start = d.date.getTime();
      // The whole day (or month, for `June 2025`) counts: the date is stale only once it has fully passed.
      const end = d.monthOnly ? Date.UTC(d.date.getUTCFullYear(), d.date.getUTCMonth() + 1, 1) : start + DAY;
      const label = d.label.replace(/\s+/g, " ");
      if (start > now + DAY) {
        context.report({
          messageId: "future",
          data: { text: d.text, label, today: context.now.toISOString().slice(0, 10) },
          range: d.range,
        });
      } else if (now - end > max * DAY) {
        context.report({ messageId: "stale", data: { text: d.text, label, days: Math.floor((now - start) / DAY), max }, range: d.range });
      }
    }
  },
});
