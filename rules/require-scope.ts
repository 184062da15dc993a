import { defineRule } from "../src/engine/rule.js";

export default defineRule({
  meta: {
    id: "require-scope",
    description: "Require a statement of what is in and out of scope for vulnerability reports",
    severity: "warn",
    defaultOff: true,
    messages: {
      missing: "Missing scope, expected a section that says which components and kinds of issue are in scope and which are not",
    },
  },
  check(policy, context) {
    if (policy.sections.some((s) => s.kind === "scope")) return;
    if (policy.scopeStatements.length > 0) return;
    context.report({ messageId: "missing", range: policy.start });
  },
});
