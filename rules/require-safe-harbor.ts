import { defineRule } from "../src/engine/rule.js";

export default defineRule({
  meta: {
    id: "require-safe-harbor",
    description: "Require a safe-harbor commitment not to pursue legal action against good-faith research",
    severity: "warn",
    defaultOff: true,
    messages: {
      missing: "Missing safe harbor, expected a commitment not to pursue legal action against good-faith security research",
    },
  },
  check(policy, context) {
    const sections = policy.sections.filter((s) => s.kind === "safe-harbor");
    // "Legal" headings also hold licence text: the section counts when it says something protective.
    const statements = policy.safeHarborStatements;
    if (statements.length > 0) return;
    if (sections.some((s) => /safe\s*harbou?r|good[\s-]*faith/i.test(s.title))) return;
    context.report({ messageId: "missing", range: policy.start });
  },
});
