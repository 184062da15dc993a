// Regenerates the throwaway OpenPGP test keys in fixtures/keys/.
// Usage: node scripts/make-test-keys.mjs
// Only the armored PUBLIC keys are written; private keys and revocation
// certificates are discarded. Output differs on every run (fresh key material),
// so tests must not hard-code fingerprints of these keys.
import { writeFile } from "node:fs/promises";
import * as openpgp from "openpgp";

const keys = [
  // Fixed past creation dates so no machine sees a key "created in the future".
  {
    file: "valid-key.asc",
    userIDs: [{ name: "Fixture Maintainer", email: "security@fixture-project.org" }],
    date: new Date("2025-01-01T00:00:00Z"),
  },
  {
    file: "expired-key.asc",
    userIDs: [{ name: "Old Maintainer", email: "security@fixture-project.org" }],
    date: new Date("2024-01-01T00:00:00Z"),
    keyExpirationTime: 86400, // one day: expires 2024-01-02T00:00:00Z
  },
  {
    file: "other-uid-key.asc",
    userIDs: [{ name: "Someone Else", email: "someone@other-project.org" }],
    date: new Date("2025-01-01T00:00:00Z"),
  },
];

for (const { file, ...options } of keys) {
  // type "ecc" = Ed25519 (EdDSALegacy) primary + Curve25519 ECDH subkey, v4 key (40-hex fingerprint).
  const { publicKey } = await openpgp.generateKey({ type: "ecc", format: "armored", ...options });
  await writeFile(new URL(`../fixtures/keys/${file}`, import.meta.url), publicKey);
  console.log(`wrote fixtures/keys/${file}`);
}
