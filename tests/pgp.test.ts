import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import {
  crc24,
  findArmorBlocks,
  findFingerprints,
  inspectKey,
  type ArmorBlock,
  type ArmorProblem,
  type KeyInfo,
} from "../src/policy/formats/pgp.js";

const BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
const END = "-----END PGP PUBLIC KEY BLOCK-----";

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/keys/${name}`, import.meta.url), "utf8");
}
const VALID = fixture("valid-key.asc");
const EXPIRED = fixture("expired-key.asc");
const OTHER = fixture("other-uid-key.asc");

function onlyBlock(text: string): ArmorBlock {
  const blocks = findArmorBlocks(text);
  expect(blocks).toHaveLength(1);
  return blocks[0] as ArmorBlock;
}

function kinds(block: ArmorBlock): string[] {
  return block.problems.map((p) => p.kind);
}

function isKeyInfo(x: KeyInfo | ArmorProblem): x is KeyInfo {
  return "fingerprint" in x;
}

async function keyInfo(text: string): Promise<KeyInfo> {
  const result = await inspectKey(onlyBlock(text));
  if (!isKeyInfo(result)) throw new Error(`expected KeyInfo, got ${JSON.stringify(result)}`);
  return result;
}

/**
 * Independent v4 fingerprint: SHA-1 over 0x99, 2-byte length, and the body of
 * the first (public key) packet. The fixtures use new-format packet headers.
 */
function v4Fingerprint(bytes: Uint8Array): string {
  expect(bytes[0]).toBe(0xc6); // new format, tag 6
  const len = bytes[1] as number;
  expect(len).toBeLessThan(192);
  const body = bytes.subarray(2, 2 + len);
  return createHash("sha1")
    .update(Uint8Array.from([0x99, len >> 8, len & 0xff]))
    .update(body)
    .digest("hex")
    .toUpperCase();
}

/** Body lines of an armored key (between the blank line and the checksum). */
function bodyLines(armored: string): string[] {
  return armored.split("\n").filter((l) => /^[A-Za-z0-9+/]+=*$/.test(l));
}

function withoutChecksum(armored: string): string {
  return armored.replace(/^=[A-Za-z0-9+/]{4}\n/m, "");
}

/** Replace one base64 character of the first body line (index in that line). */
function corrupt(armored: string, column: number): string {
  const line = bodyLines(armored)[0] as string;
  const original = line[column] as string;
  const replacement = original === "A" ? "B" : "A";
  const changed = line.slice(0, column) + replacement + line.slice(column + 1);
  return armored.replace(line, changed);
}

describe("crc24", () => {
  it("matches the CRC-24/OPENPGP check value", () => {
    expect(crc24(new TextEncoder().encode("123456789"))).toBe(0x21cf02);
  });
  it("returns the init value for no data", () => {
    expect(crc24(new Uint8Array())).toBe(0xb704ce);
  });
  it("agrees with the checksum line of each fixture", () => {
    for (const armored of [VALID, EXPIRED, OTHER]) {
      const block = onlyBlock(armored);
      const written = /^=([A-Za-z0-9+/]{4})$/m.exec(armored)?.[1] as string;
      const crc = Buffer.from(written, "base64");
      expect(crc24(block.bytes as Uint8Array)).toBe(crc.readUIntBE(0, 3));
    }
  });
});

describe("fixture keys", () => {
  it("valid-key.asc parses cleanly with exact block offsets", async () => {
    const block = onlyBlock(VALID);
    expect(block.problems).toEqual([]);
    expect(block.headers).toEqual({});
    expect(block.start).toBe(0);
    expect(block.end).toBe(VALID.indexOf(END) + END.length);
    expect(block.bodyStart).toBe(BEGIN.length + 2); // BEGIN line, blank line
    expect(VALID.slice(block.bodyEnd - 6, block.bodyEnd)).toMatch(/^\n=[A-Za-z0-9+/]{4}$/);
    expect(block.bytes).toBeInstanceOf(Uint8Array);

    const info = await keyInfo(VALID);
    expect(info.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(info.fingerprint).toBe(v4Fingerprint(block.bytes as Uint8Array));
    expect(info.userIds).toEqual(["Fixture Maintainer <security@fixture-project.org>"]);
    expect(info.emails).toEqual(["security@fixture-project.org"]);
    expect(info.expires).toBeNull();
    expect(info.created.toISOString()).toBe("2025-01-01T00:00:00.000Z");
  });

  it("expired-key.asc still yields KeyInfo with its expiry date", async () => {
    const block = onlyBlock(EXPIRED);
    expect(block.problems).toEqual([]);
    const info = await keyInfo(EXPIRED);
    expect(info.fingerprint).toBe(v4Fingerprint(block.bytes as Uint8Array));
    expect(info.created.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    expect(info.expires?.toISOString()).toBe("2024-01-02T00:00:00.000Z");
    expect(info.userIds).toEqual(["Old Maintainer <security@fixture-project.org>"]);
    expect(info.emails).toEqual(["security@fixture-project.org"]);
  });

  it("other-uid-key.asc carries the other user id", async () => {
    const info = await keyInfo(OTHER);
    expect(info.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(info.created.toISOString()).toBe("2025-01-01T00:00:00.000Z");
    expect(info.userIds).toEqual(["Someone Else <someone@other-project.org>"]);
    expect(info.emails).toEqual(["someone@other-project.org"]);
    expect(info.expires).toBeNull();
  });

  it("the three fixtures are distinct keys", async () => {
    const fps = await Promise.all([VALID, EXPIRED, OTHER].map(async (t) => (await keyInfo(t)).fingerprint));
    expect(new Set(fps).size).toBe(3);
  });
});

describe("checksum", () => {
  it("a changed body character gives bad-checksum at the checksum line", () => {
    const broken = corrupt(VALID, 40);
    const block = onlyBlock(broken);
    const written = /^=([A-Za-z0-9+/]{4})$/m.exec(VALID)?.[1] as string;
    const at = broken.indexOf(`\n=${written}\n`) + 1;
    const problem = block.problems.find((p) => p.kind === "bad-checksum");
    expect(problem).toEqual({
      kind: "bad-checksum",
      start: at,
      end: at + 5,
      expected: written,
      actual: expect.stringMatching(/^[A-Za-z0-9+/]{4}$/),
    });
    expect(problem?.kind === "bad-checksum" && problem.actual).not.toBe(written);
  });

  it("a changed key-material character without checksum is caught by inspectKey", async () => {
    const broken = withoutChecksum(corrupt(VALID, 40));
    const block = onlyBlock(broken);
    expect(block.problems).toEqual([]); // nothing structural to see
    const result = await inspectKey(block);
    expect(result).toMatchObject({ kind: "no-public-key-packet", start: block.bodyStart, end: block.bodyEnd });
  });

  it("a missing checksum line is fine (RFC 9580)", async () => {
    const text = withoutChecksum(VALID);
    expect(text).not.toMatch(/^=/m);
    expect(onlyBlock(text).problems).toEqual([]);
    expect((await keyInfo(text)).emails).toEqual(["security@fixture-project.org"]);
  });
});

describe("placeholders and fakes", () => {
  it("reports a placeholder sentence with exact offsets and no bytes", async () => {
    const sentence = "[PGP key would be provided here in a real implementation]";
    const text = `## PGP\n\n\`\`\`\n${BEGIN}\n\n${sentence}\n${END}\n\`\`\`\n`;
    const block = onlyBlock(text);
    const at = text.indexOf(sentence);
    expect(block.problems).toEqual([{ kind: "placeholder", start: at, end: at + sentence.length, text: sentence }]);
    expect(block.bytes).toBeNull();
    expect(block.start).toBe(text.indexOf(BEGIN));
    expect(block.end).toBe(text.indexOf(END) + END.length);
    // inspectKey answers without a key to read
    expect(await inspectKey(block)).toMatchObject({ kind: "no-public-key-packet" });
  });

  it("reports '...' in the body, merging consecutive placeholder lines", () => {
    const text = `${BEGIN}\n\nmQINBFxyzABCDEF...\n...\n=abcd\n${END}\n`;
    const block = onlyBlock(text);
    const at = text.indexOf("mQINBF");
    const stop = text.indexOf("...\n=") + 3;
    expect(block.problems).toEqual([{ kind: "placeholder", start: at, end: stop, text: "mQINBFxyzABCDEF...\n..." }]);
    expect(block.bytes).toBeNull();
  });

  it("reports FAKEKEY even though it is made of base64 characters", () => {
    const text = `${BEGIN}\n\nmQINBFAKEKEY1234567890abcdefghij\n${END}\n`;
    const block = onlyBlock(text);
    expect(kinds(block)).toEqual(["placeholder"]);
    expect(block.problems[0]).toMatchObject({ text: "mQINBFAKEKEY1234567890abcdefghij" });
  });

  it("reports a run of X's", () => {
    const text = `${BEGIN}\n\nXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n${END}\n`;
    expect(kinds(onlyBlock(text))).toEqual(["placeholder"]);
  });
});

describe("delimiters", () => {
  it("reports a six-dash footer as malformed-delimiter and still closes the block", async () => {
    const footer = "------END PGP PUBLIC KEY BLOCK------";
    const text = VALID.replace(END, footer);
    const block = onlyBlock(text);
    const at = text.indexOf(footer);
    expect(block.problems).toEqual([{ kind: "malformed-delimiter", start: at, end: at + footer.length, text: footer }]);
    expect(block.end).toBe(at + footer.length);
    expect(block.bytes).not.toBeNull();
    expect(isKeyInfo(await inspectKey(block))).toBe(true);
  });

  it("tolerates and reports a four-dash BEGIN line", () => {
    const header = "----BEGIN PGP PUBLIC KEY BLOCK----";
    const text = `Intro\n${VALID.replace(BEGIN, header)}`;
    const block = onlyBlock(text);
    expect(block.start).toBe(6);
    expect(block.problems).toEqual([{ kind: "malformed-delimiter", start: 6, end: 6 + header.length, text: header }]);
  });

  it("reports a wrong label on the END line", () => {
    const text = VALID.replace(END, "-----END PGP PUBLIC KEY-----");
    expect(onlyBlock(text).problems).toMatchObject([{ kind: "malformed-delimiter", text: "-----END PGP PUBLIC KEY-----" }]);
  });

  it("reports a missing END line at the BEGIN line; the block stops at the code fence", () => {
    const key = VALID.slice(0, VALID.indexOf(END));
    const text = `# Security\n\n\`\`\`\n${key}\`\`\`\n\nMore prose here.\n`;
    const block = onlyBlock(text);
    const at = text.indexOf(BEGIN);
    expect(block.problems).toEqual([{ kind: "missing-end", start: at, end: at + BEGIN.length }]);
    const fence = text.lastIndexOf("```");
    expect(block.end).toBe(fence - 1); // end of the checksum line
    expect(block.bodyEnd).toBe(fence - 1);
    expect(block.bytes).not.toBeNull();
  });

  it("a missing END at end of input ends the block at the end of input", () => {
    const text = VALID.slice(0, VALID.indexOf(END)).trimEnd();
    const block = onlyBlock(text);
    expect(kinds(block)).toEqual(["missing-end"]);
    expect(block.end).toBe(text.length);
  });

  it("a missing END does not swallow the next block", () => {
    const first = VALID.slice(0, VALID.indexOf(END));
    const text = `${first}${OTHER}`;
    const blocks = findArmorBlocks(text);
    expect(blocks).toHaveLength(2);
    expect(kinds(blocks[0] as ArmorBlock)).toEqual(["missing-end"]);
    expect((blocks[1] as ArmorBlock).problems).toEqual([]);
    expect((blocks[1] as ArmorBlock).start).toBe(first.length);
  });
});

describe("body content", () => {
  it("reports the first non-base64 line only", () => {
    const text = `${BEGIN}\n\nmQINBFabc\nmQ$%^&*x\nmore!!\n${END}\n`;
    const block = onlyBlock(text);
    const at = text.indexOf("mQ$%");
    expect(block.problems).toEqual([{ kind: "not-base64", start: at, end: at + 8, text: "mQ$%^&*x" }]);
    expect(block.bytes).toBeNull();
  });

  it("reports padding in the middle of the body as not-base64", () => {
    const text = `${BEGIN}\n\nmQ==\nmQINBF\n${END}\n`;
    expect(onlyBlock(text).problems).toMatchObject([{ kind: "not-base64", text: "mQ==" }]);
  });

  it("reports an empty body over the whole block", () => {
    const text = `x\n${BEGIN}\n\n${END}\n`;
    const block = onlyBlock(text);
    expect(block.problems).toEqual([{ kind: "empty-body", start: 2, end: 2 + BEGIN.length + 2 + END.length }]);
    expect(block.bytes).toBeNull();
    expect(block.bodyStart).toBe(block.bodyEnd);
  });

  it("reports bytes that are not key packets, synchronously", () => {
    const text = `${BEGIN}\n\nSGVsbG8gd29ybGQ=\n${END}\n`; // "Hello world"
    const block = onlyBlock(text);
    const at = text.indexOf("SGVs");
    expect(block.problems).toMatchObject([{ kind: "no-public-key-packet", start: at, end: at + 16 }]);
    expect(block.bytes).toEqual(new TextEncoder().encode("Hello world"));
  });

  it("flags secret key packets inside a PUBLIC KEY block", async () => {
    const secret = Buffer.from([0xc5, 0x01, 0x04]).toString("base64"); // tag 5, 1 byte
    const block = onlyBlock(`${BEGIN}\n\n${secret}\n${END}\n`);
    expect(block.problems).toMatchObject([{ kind: "no-public-key-packet", detail: expect.stringMatching(/SECRET/) }]);
    expect(await inspectKey(block)).toBe(block.problems[0]);
  });

  it("flags truncated key data", () => {
    const truncated = bodyLines(VALID).slice(0, 3).join("\n");
    const block = onlyBlock(`${BEGIN}\n\n${truncated}\n${END}\n`);
    expect(block.problems).toMatchObject([{ kind: "no-public-key-packet", detail: expect.stringMatching(/truncated/) }]);
  });
});

describe("armor variants", () => {
  it("accepts armor headers", async () => {
    const text = VALID.replace(`${BEGIN}\n`, `${BEGIN}\nComment: https://fixture-project.org/key\nVersion: Test 1.0\n`);
    const block = onlyBlock(text);
    expect(block.problems).toEqual([]);
    expect(block.headers).toEqual({ Comment: "https://fixture-project.org/key", Version: "Test 1.0" });
    expect(block.bodyStart).toBe(text.indexOf("\n\n") + 2);
    expect(isKeyInfo(await inspectKey(block))).toBe(true);
  });

  it("accepts CRLF line endings with exact offsets", async () => {
    const text = `Intro\r\n\r\n${VALID.replace(/\n/g, "\r\n")}`;
    const block = onlyBlock(text);
    expect(block.problems).toEqual([]);
    expect(block.start).toBe(9);
    expect(block.end).toBe(text.indexOf(END) + END.length);
    expect(text.slice(block.bodyStart, block.bodyEnd)).toMatch(/^[A-Za-z0-9+/]+\r\n[\s\S]*\r\n=[A-Za-z0-9+/]{4}$/);
    expect((await keyInfo(text)).fingerprint).toBe((await keyInfo(VALID)).fingerprint);
  });

  it("accepts a key indented or quoted in Markdown", async () => {
    const indented = VALID.trimEnd()
      .split("\n")
      .map((l) => `    ${l}`)
      .join("\n");
    const quoted = VALID.trimEnd()
      .split("\n")
      .map((l) => `> ${l}`)
      .join("\n");
    for (const text of [indented, quoted]) {
      const block = onlyBlock(text);
      expect(block.problems).toEqual([]);
      expect(block.start).toBe(text.indexOf(BEGIN));
      expect(isKeyInfo(await inspectKey(block))).toBe(true);
    }
  });

  it("finds nothing in text without a key block", () => {
    expect(findArmorBlocks("# Security\n\nEmail security@example.org\n")).toEqual([]);
    expect(findArmorBlocks("-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n")).toEqual([]);
  });
});

describe("findFingerprints", () => {
  const FP40 = "76213BEA4133BDF496035EF1937270E9792FF2A9"; // arbitrary, not a fixture key
  const grouped = FP40.replace(/(.{4})(?!$)/g, "$1 ");

  it("finds a grouped 40-hex fingerprint after 'Fingerprint:'", () => {
    const text = `Our key.\nFingerprint: ${grouped}\n`;
    const at = text.indexOf(grouped);
    expect(findFingerprints(text)).toEqual([{ start: at, end: at + grouped.length, text: grouped, normalized: FP40, valid: true }]);
  });

  it("accepts gpg's double space, lowercase, 0x prefix and 64-hex v6 fingerprints", () => {
    const gpg = `${grouped.slice(0, 24)} ${grouped.slice(24)}`; // "... 3E4F  5A6B ..."
    const v6 = "AB".repeat(32);
    const text = [
      `Key fingerprint = ${gpg}`,
      `fingerprint: ${FP40.toLowerCase()}`,
      `PGP fingerprint 0x${FP40}`,
      `**Fingerprint (v6):** \`${v6}\``,
    ].join("\n");
    const found = findFingerprints(text);
    expect(found.map((f) => [f.normalized, f.valid])).toEqual([
      [FP40, true],
      [FP40, true],
      [FP40, true],
      [v6, true],
    ]);
    expect(found[0]?.text).toBe(gpg);
    expect(found[2]?.text).toBe(`0x${FP40}`);
  });

  it("finds the value in a table row whose first cell says Fingerprint", () => {
    const text = `| Field | Value |\n| --- | --- |\n| Fingerprint | \`${grouped}\` |\n`;
    const found = findFingerprints(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ text: grouped, valid: true, start: text.indexOf(grouped) });
  });

  it("marks XXXX placeholders and wrong lengths invalid", () => {
    const text = [
      "Fingerprint: XXXX XXXX XXXX XXXX XXXX XXXX XXXX XXXX XXXX XXXX",
      `Fingerprint: ${grouped.slice(0, 44)} ...`,
      "Fingerprint: 1234 ABCD XXXX XXXX XXXX XXXX XXXX XXXX XXXX XXXX",
      "Key fingerprint: DEADBEEF",
    ].join("\n");
    const found = findFingerprints(text);
    expect(found.map((f) => [f.normalized, f.valid])).toEqual([
      ["X".repeat(40), false],
      [FP40.slice(0, 36), false],
      [`1234ABCD${"X".repeat(32)}`, false],
      ["DEADBEEF", false],
    ]);
  });

  it("ignores hex that is not introduced by 'fingerprint' on the same line", () => {
    const text = [
      `Fixed in commit ${FP40.toLowerCase()}.`,
      "Fingerprint:",
      grouped,
      `Key ID 0x937270E9792FF2A9, see the fingerprint below`,
      "Fingerprint: available on request, see keys.openpgp.org",
      "Fingerprint: we added a face bead",
    ].join("\n");
    expect(findFingerprints(text)).toEqual([]);
  });

  it("takes only the first candidate after the word", () => {
    const text = `Fingerprint: ${FP40} (key ID 0x937270E9792FF2A9)`;
    expect(findFingerprints(text).map((f) => f.normalized)).toEqual([FP40]);
  });
});

describe("lazy openpgp loading", () => {
  it("the module source has no static import of openpgp", () => {
    const source = readFileSync(new URL("../src/policy/formats/pgp.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/^\s*import\s+(?!type\b)[^;]*?from\s*["']openpgp["']/m);
    expect(source).not.toMatch(/^\s*import\s*["']openpgp["']/m);
    expect(source).not.toMatch(/require\(\s*["']openpgp["']\s*\)/);
    expect(source).toMatch(/await import\("openpgp"\)/);
  });

  it("openpgp is loaded only when inspectKey needs it", async () => {
    vi.resetModules();
    let loads = 0;
    vi.doMock("openpgp", async (importOriginal) => {
      loads++;
      return await importOriginal();
    });
    try {
      const pgp = await import("../src/policy/formats/pgp.js");
      const [block] = pgp.findArmorBlocks(VALID);
      pgp.findFingerprints("Fingerprint: XXXX");
      pgp.crc24(new Uint8Array([1, 2, 3]));
      expect(loads).toBe(0);
      // A block whose problem is already known is answered without openpgp.
      const [fake] = pgp.findArmorBlocks(`${BEGIN}\n\n[key goes here]\n${END}`);
      await pgp.inspectKey(fake as ArmorBlock);
      expect(loads).toBe(0);
      const info = await pgp.inspectKey(block as ArmorBlock);
      expect(loads).toBe(1);
      expect(isKeyInfo(info)).toBe(true);
    } finally {
      vi.doUnmock("openpgp");
      vi.resetModules();
    }
  });
});
