import * as z from "zod";
import { defineRule } from "../src/engine/rule.js";

export default defineRule({
  meta: {
    id: "scorecard-security-policy",
    description: "Predict OpenSSF Scorecard's Security-Policy score and report a policy that would score below `minScore`",
    severity: "warn",
    defaultOff: true,
    options: () =>
      z
        .object({
          minScore: z.number().int().min(0).max(10).describe("The lowest predicted Scorecard Security-Policy score accepted (0-10)"),
        })
        .strict(),
    defaultOptions: { minScore: 10 },
    messages: {
      low: "Unexpected predicted Scorecard Security-Policy score {score}/10, expected at least {min}: {missing}",
      fullButPlaceholder:
        "Unexpected full Scorecard score for a policy whose contact `{contact}` is a placeholder, expected a real address: Scorecard counts any address",
    },
  },
  check(policy, context) {
    const prediction = policy.scorecard;
    if (prediction.score < context.options.minScore) {
      const missing: string[] = [];
      if (!prediction.links) missing.push("+6 needs a URL or email address to report to");
      if (!prediction.text) missing.push("+3 needs text besides the links");
      if (!prediction.disclosure) missing.push("+1 needs more than one number or mention of disclosure or vulnerabilities");
      context.report({
        messageId: "low",
        data: { score: prediction.score, min: context.options.minScore, missing: missing.join("; ") },
        range: policy.start,
      });
    }
    const placeholder = policy.contacts.find((c) => c.kind === "email" && c.placeholder !== null);
    if (prediction.score === 10 && placeholder && !policy.contacts.some((c) => c.kind === "email" && c.placeholder === null)) {
      context.report({ messageId: "fullButPlaceholder", data: { contact: placeholder.value }, range: placeholder.range });
    }
  },
});
