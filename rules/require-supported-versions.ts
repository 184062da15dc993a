import * as z from "zod";
import { defineRule } from "../src/engine/rule.js";

/** The version column of the table GitHub suggests when a policy is created from its template. */
const GITHUB_SAMPLE = ["5.1.x", "5.0.x", "4.0.x", "< 4.0"];

export default defineRule({
  meta: {
    id: "require-supported-versions",
    description: "Require a supported-versions section that says which versions receive security fixes",
    severity: "error",
    options: () =>
      z
        .object({
          allowDelegation: z
            .boolean()
            .describe(
              "Accept a link the versions (`Supported versions are listed at https://…`) or, in a file that is only a pointer, the whole policy is handed to; the `strict` preset turns this off",
            ),
        })
        .strict(),
    defaultOptions: { allowDelegation: true },
    messages: {
      missing:
        "Missing supported-versions section, expected a heading such as `Supported Versions` listing the versions that receive security fixes",
      empty: "Missing versions in `{title}`, expected a table or list of versions with their support status",
      noneSupported: "Unexpected versions table with no row marked supported, expected at least one supported version",
      allEnded:
        "Unexpected versions table whose support dates have all passed (latest `{until}`), expected at least one version still supported",
      template: "Unexpected GitHub template rows `5.1.x`, `5.0.x`, `4.0.x`, `< 4.0`, expected this project's own versions",
    },
  },
  check(policy, context) {
    const sections = policy.sections.filter((s) => s.kind === "supported-versions");
    const first = sections[0];
    if (!first) {
      // A sentence under another heading can say it: "Only the latest release receives security fixes."
      if (policy.versions.claims.length > 0) return;
      if (context.options.allowDelegation && (policy.pointer || policy.delegations.some((d) => d.versions))) return;
      context.report({ messageId: "missing", range: policy.start });
      return;
    }
    const { rows, tables, statements } = policy.versions;
    if (rows.length === 0 && statements.length === 0) {
      context.report({ messageId: "empty", data: { title: first.title }, range: first.heading });
      return;
    }
    const supported = rows.some((r) => r.status === "supported" || (r.until !== null && r.until > context.now));
    if (rows.length > 0 && statements.length === 0 && !supported) {
      const at = rows[0];
      const dates = rows.flatMap((r) => (r.until ? [r.until] : []));
      if (dates.length > 0) {
        const latest = new Date(Math.max(...dates.map((d) => d.getTime())));
        context.report({ messageId: "allEnded", data: { until: latest.toISOString().slice(0, 10) }, range: at ? at.range : first.heading });
      } else {
        context.report({ messageId: "noneSupported", range: at ? at.range : first.heading });
      }
    }
    for (const table of tables) {
      const versions = new Set(rows.filter((r) => r.table === table).map((r) => r.version.replace(/\s+/g, " ").toLowerCase()));
      if (GITHUB_SAMPLE.every((v) => versions.has(v))) {
        const p = table.position;
        const range =
          p && p.start.offset !== undefined && p.end.offset !== undefined ? { start: p.start.offset, end: p.end.offset } : first.heading;
        context.report({ messageId: "template", range });
      }
    }
  },
});
