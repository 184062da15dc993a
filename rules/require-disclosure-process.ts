import { defineRule } from "../src/engine/rule.js";

export default defineRule({
  meta: {
    id: "require-disclosure-process",
    description: "Require a description of how fixed vulnerabilities are disclosed",
    severity: "warn",
    messages: {
      missing: "Missing disclosure process, expected how a fix is coordinated and published (advisory, CVE, embargo or disclosure window)",
    },
  },
  check(policy, context) {
    if (policy.sections.some((s) => s.kind === "disclosure")) return;
    if (policy.disclosureStatements.length > 0) return;
    context.report({ messageId: "missing", range: policy.start });
  },
});
