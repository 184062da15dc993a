import { defineRule } from "../src/engine/rule.js";

export default defineRule({
  meta: {
    id: "supported-versions-current",
    description: "Require the project's current version to be covered by a row marked supported",
    severity: "warn",
    messages: {
      notCovered:
        "Unexpected supported versions that leave out the current version `{version}` (from {source}), expected a row such as `{series}` marked supported",
    },
  },
  check(policy, context) {
    const current = context.repository.version;
    if (!current) return;
    const supported = policy.versions.rows.filter((r) => r.status === "supported" || (r.until !== null && r.until > context.now));
    // Without supported rows require-supported-versions reports. Prose beside a table ("we patch the
    // two newest minors") does not excuse a table whose rows have fallen behind the release.
    if (supported.length === 0) return;
    // Rows that read as no version say nothing either way.
    if (policy.versions.covers(supported, current.value) !== false) return;
    const first = supported[0];
    if (!first) return;
    const source = current.source === "git tag" ? `git tag \`${current.tag ?? current.value}\`` : `\`${current.source}\``;
    context.report({
      messageId: "notCovered",
      data: { version: current.value, source, series: policy.versions.seriesOf(current.value, supported) },
      range: first.range,
    });
  },
});
