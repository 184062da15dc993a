import { defineRule } from "../src/engine/rule.js";
import { pathInRepository } from "../src/paths.js";

const list = (items: readonly string[]): string => items.map((i) => `\`${i}\``).join(", ");

export default defineRule({
  meta: {
    id: "single-policy-file",
    description: "Require one security policy file where GitHub looks for it, so the one shown is the one maintained",
    severity: "warn",
    messages: {
      ignored: "Unexpected policy file `{file}` that GitHub ignores, expected one policy: GitHub shows `{shown}`",
      shadows: "Unexpected other policy files {others} that GitHub ignores, expected one policy: GitHub shows this one, `{file}`",
      disagree:
        "Unexpected reporting address {theirs} in `{other}`, expected the same contact as this file ({ours}): reporters may read either",
    },
  },
  check(policy, context) {
    const { root, policyFiles } = context.repository;
    if (!root || !policyFiles || policyFiles.length < 2) return;
    const here = pathInRepository(root, context.filePath);
    const self = policyFiles.find((f) => f.path === here);
    if (!self || here === null) return;
    const shown = policyFiles[0]?.path ?? here;
    const others = policyFiles.filter((f) => f !== self);
    if (self.path === shown)
      context.report({ messageId: "shadows", data: { file: here, others: list(others.map((f) => f.path)) }, range: policy.start });
    else context.report({ messageId: "ignored", data: { file: here, shown }, range: policy.start });
    const ours = policy.securityEmails;
    if (ours.length === 0) return;
    for (const other of others) {
      if (other.text === null) continue;
      const theirs = policy.emailsOfPolicyFile(other.path, other.text);
      if (theirs.length === 0 || theirs.some((t) => ours.includes(t))) continue;
      context.report({
        messageId: "disagree",
        escalate: true,
        data: { theirs: list(theirs), other: other.path, ours: list(ours) },
        range: policy.start,
      });
    }
  },
});
