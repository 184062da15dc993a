import * as z from "zod";
import { defineRule } from "../src/engine/rule.js";
import type { ArmorProblem } from "../src/policy/formats/pgp.js";

const BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
const END = "-----END PGP PUBLIC KEY BLOCK-----";

function quote(text: string, max = 60): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** An address reduced to its mailbox: lower case, without a `+tag` in the local part. */
function mailbox(address: string): string {
  const lower = address.toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at === -1) return lower;
  const plus = lower.indexOf("+");
  return plus !== -1 && plus < at ? lower.slice(0, plus) + lower.slice(at) : lower;
}

export default defineRule({
  meta: {
    id: "valid-pgp-key",
    description: "Require published PGP key blocks and fingerprints to be real, readable keys for the reporting address",
    severity: "error",
    options: () =>
      z
        .object({
          checkExpiry: z.boolean().describe("Warn about a key that has expired"),
          checkUserIds: z.boolean().describe("Warn about a key whose user ids do not include the policy's reporting address"),
        })
        .strict(),
    defaultOptions: { checkExpiry: true, checkUserIds: true },
    messages: {
      placeholder: "Unexpected placeholder `{text}` in the PGP key block, expected the armored public key (`gpg --armor --export`)",
      missingEnd: `Missing \`${END}\` line, expected the key block to be closed`,
      malformedDelimiter: "Unexpected armor line `{text}`, expected `{expected}`",
      notBase64: "Unexpected line `{text}` in the PGP key block, expected base64 key data",
      badChecksum: "Unexpected armor checksum `={written}`, expected `={actual}` for this key data (the block was altered or truncated)",
      emptyBody: "Missing key data in the PGP key block, expected the armored public key (`gpg --armor --export`)",
      noPublicKey: "Missing public key in the PGP key block ({detail}), expected an exported public key",
      placeholderComment: "Missing PGP key, expected the armored key or a link to it where `{text}` stands",
      keyserverHome:
        "Unexpected link to the keyserver's front page `{url}` as the PGP key, expected a link to the key itself or the fingerprint to search for",
      badFingerprint: "Unexpected fingerprint `{text}`, expected 40 hexadecimal digits (64 for a v6 key)",
      expired:
        "Unexpected expired PGP key `{fingerprint}` (expired {expired}), expected a key that is still valid: extend its expiry and publish it again",
      wrongUserId: "Unexpected PGP key for {userIds}, expected a user id with the reporting address `{email}`",
    },
  },
  async check(policy, context) {
    const reportProblem = (p: ArmorProblem): void => {
      const range = { start: p.start, end: p.end };
      switch (p.kind) {
        case "placeholder":
          context.report({ messageId: "placeholder", data: { text: quote(p.text) }, range });
          break;
        case "missing-end":
          context.report({ messageId: "missingEnd", range });
          break;
        case "malformed-delimiter":
          context.report({
            messageId: "malformedDelimiter",
            data: { text: quote(p.text), expected: /END/i.test(p.text) ? END : BEGIN },
            range,
          });
          break;
        case "not-base64":
          context.report({ messageId: "notBase64", data: { text: quote(p.text, 40) }, range });
          break;
        case "bad-checksum":
          context.report({ messageId: "badChecksum", data: { written: p.expected, actual: p.actual }, range });
          break;
        case "empty-body":
          context.report({ messageId: "emptyBody", range });
          break;
        case "no-public-key-packet":
          context.report({ messageId: "noPublicKey", data: { detail: p.detail }, range });
          break;
      }
    };

    const reportingAddresses = [
      ...new Set(
        policy.contacts.filter((c) => c.kind === "email" && c.role === "report" && !c.placeholder).map((c) => c.value.toLowerCase()),
      ),
    ];
    const reporting = reportingAddresses[0] ?? null;
    const sound = new Set<number>();
    for (const block of policy.keyBlocks) {
      for (const p of block.problems) reportProblem(p);
      if (block.problems.length > 0) continue;
      // openpgp is loaded only here, for a block that passed the structural checks.
      const info = await policy.inspectKey(block);
      if ("kind" in info) {
        reportProblem(info);
        continue;
      }
      sound.add(block.start);
      const range = { start: block.start, end: Math.min(block.end, block.start + BEGIN.length) };
      if (context.options.checkExpiry && info.expires && info.expires.getTime() < context.now.getTime()) {
        context.report({
          messageId: "expired",
          data: { fingerprint: info.fingerprint, expired: day(info.expires) },
          range,
          severity: "warn",
        });
      }
      // One mailbox, however it is written: case and a `+tag` do not make another address.
      const keyMailboxes = new Set(info.emails.map(mailbox));
      if (context.options.checkUserIds && reporting && !reportingAddresses.some((a) => keyMailboxes.has(mailbox(a)))) {
        const userIds = info.userIds.length ? info.userIds.map((u) => `\`${u}\``).join(", ") : "no user id";
        context.report({ messageId: "wrongUserId", data: { userIds, email: reporting }, range, severity: "warn" });
      }
    }

    for (const placeholder of policy.keyPlaceholders) {
      const section = placeholder.section;
      const realKeyNearby =
        section !== null &&
        policy.keyBlocks.some((b) => sound.has(b.start) && b.start >= section.range.start && b.start < section.range.end);
      if (realKeyNearby) continue;
      context.report({ messageId: "placeholderComment", data: { text: quote(placeholder.text) }, range: placeholder.range });
    }

    // A keyserver's front page is a dead end only when nothing else in the policy gives or names the key.
    const keyGiven = policy.keyBlocks.some((b) => sound.has(b.start)) || policy.fingerprints.some((f) => f.valid);
    for (const link of keyGiven ? [] : policy.keyserverLinks) {
      context.report({ messageId: "keyserverHome", data: { url: link.url }, range: link.range });
    }

    for (const fp of policy.fingerprints) {
      if (!fp.valid) context.report({ messageId: "badFingerprint", data: { text: quote(fp.text) }, range: fp.range });
    }
  },
});
