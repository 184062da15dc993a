/** Bytes to text: decodeText's facts, the valid-encoding rule on real bytes, and positions that do not depend on BOM or line endings. */
import fc from "fast-check";
import { describe as group, expect, it } from "vitest";
import { decodeBuffer } from "../src/io/files.js";
import { lintText } from "../src/index.js";
import { decodeText, guessUtf16 } from "../src/io/decode.js";
import { findControlCharacters } from "../src/policy/encoding.js";
import { describe, NOW, only } from "./helpers.js";

const POLICY = `# Security Policy

## Supported Versions

| Version | Supported |
| ------- | --------- |
| 2.x     | ✅        |

## Reporting a Vulnerability

Write to security@example.com, we reply within 3 days.
Der Schlüssel — 東京 🔐.

## Disclosure

We publish an advisory.
`;

function utf16(text: string, endian: "le" | "be", bom: boolean): Uint8Array {
  const le = Buffer.from(text, "utf16le");
  const body = endian === "le" ? le : Buffer.from(le).swap16();
  const mark = endian === "le" ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), body]) : body;
}

async function lintBytes(bytes: Uint8Array, ...ids: string[]) {
  const read = decodeBuffer(bytes);
  if ("error" in read) throw new Error(read.error);
  return lintText(read.text, { decoded: read.decoded, now: NOW, config: ids.length ? only(...ids) : undefined });
}

group("decodeText", () => {
  it("decodes UTF-8 with and without a byte order mark to the same text", () => {
    const plain = decodeText(Buffer.from(POLICY));
    const bom = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(POLICY)]));
    expect(plain.text).toBe(POLICY);
    expect(bom.text).toBe(POLICY);
    expect(plain.facts).toMatchObject({ encoding: "utf-8", bom: false, utf16WithoutBom: false, invalidUtf8: [] });
    expect(bom.facts).toMatchObject({ encoding: "utf-8", bom: true, invalidUtf8: [] });
  });

  it("decodes UTF-16 with a byte order mark, both byte orders", () => {
    for (const endian of ["le", "be"] as const) {
      const d = decodeText(utf16(POLICY, endian, true));
      expect(d.text).toBe(POLICY);
      expect(d.facts).toMatchObject({ encoding: `utf-16${endian}`, bom: true, utf16WithoutBom: false });
    }
  });

  it("recognises UTF-16 without a byte order mark and says so", () => {
    for (const endian of ["le", "be"] as const) {
      const d = decodeText(utf16(POLICY, endian, false));
      expect(d.text).toBe(POLICY);
      expect(d.facts).toMatchObject({ encoding: `utf-16${endian}`, bom: false, utf16WithoutBom: true });
    }
    expect(guessUtf16(Buffer.from("plain ascii text"))).toBeNull();
  });

  it("records the byte offset of every invalid UTF-8 sequence and replaces it with U+FFFD", () => {
    // 0xe9 is Latin-1 é; 0xc3 followed by a space is a truncated sequence; 0xed 0xa0 0x80 is an encoded surrogate.
    const bytes = Buffer.concat([
      Buffer.from("ok "),
      Buffer.from([0xe9]),
      Buffer.from(" and "),
      Buffer.from([0xc3]),
      Buffer.from(" end é"),
    ]);
    const d = decodeText(bytes);
    expect(d.text).toBe("ok \ufffd and \ufffd end é");
    expect(d.facts.invalidUtf8).toEqual([
      { byteOffset: 3, offset: 3 },
      { byteOffset: 9, offset: 9 },
    ]);
    const bom = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]));
    expect(bom.facts.invalidUtf8[0]).toEqual({ byteOffset: 6, offset: 3 });
  });

  it("decodes invalid UTF-8 exactly as the WHATWG decoder does", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const withoutBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
        if (withoutBom.includes(0) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return;
        const expected = new TextDecoder("utf-8", { ignoreBOM: true }).decode(withoutBom);
        const d = decodeText(bytes);
        expect(d.text).toBe(expected);
        const replacements = [...expected].filter((c) => c === "\ufffd").length;
        expect(d.facts.invalidUtf8.length).toBeLessThanOrEqual(replacements);
        for (const s of d.facts.invalidUtf8) expect(d.text[s.offset]).toBe("\ufffd");
      }),
      { numRuns: 3000 },
    );
  });

  it("finds C0, DEL and C1 controls but not tab, line feed, carriage return or form feed", () => {
    expect(findControlCharacters("a\tb\nc\r\nd\fe")).toEqual([]);
    expect(findControlCharacters("a\u001b[31mb\u0000c\u007fd\u0085e\u009f").map((c) => c.code)).toEqual([0x1b, 0, 0x7f, 0x85, 0x9f]);
  });
});

group("decodeBuffer", () => {
  it("refuses bytes with NUL that are not UTF-16", () => {
    expect(decodeBuffer(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))).toEqual({
      error: "binary file (contains NUL bytes), expected a markdown text file",
    });
  });
});

group("valid-encoding on bytes", () => {
  it("reports invalid UTF-8 by byte offset and still lints the rest of the file", async () => {
    const bytes = Buffer.from(POLICY.replace("Schlüssel", "Schl\u0000ssel"));
    // Put a Latin-1 ü (0xfc) where the NUL stands, as a Windows editor would save it.
    bytes[bytes.indexOf(0)] = 0xfc;
    const result = await lintBytes(bytes);
    const enc = result.findings.filter((f) => f.ruleId === "valid-encoding");
    expect(enc.map(describe)).toEqual([
      `12:9-12:10 valid-encoding Unexpected invalid UTF-8 at byte offset ${Buffer.from(POLICY).indexOf("Schl") + 4}, expected a UTF-8 encoded file (the bytes are shown as U+FFFD)`,
    ]);
    // The other rules still ran on the decoded text: the placeholder address after the bad byte is found.
    expect(result.findings.some((f) => f.ruleId === "no-placeholder-contact")).toBe(true);
  });

  it("reports UTF-16 without a byte order mark, and lints it", async () => {
    const result = await lintBytes(utf16(POLICY, "le", false));
    expect(result.findings.filter((f) => f.ruleId === "valid-encoding").map((f) => f.message)).toEqual([
      "Unexpected UTF-16LE text without a byte order mark, expected UTF-8 (or UTF-16 that starts with a byte order mark)",
    ]);
    expect(result.findings.some((f) => f.ruleId === "no-placeholder-contact")).toBe(true);
  });

  it("accepts UTF-16 with a byte order mark and UTF-8 with one", async () => {
    for (const bytes of [
      utf16(POLICY, "le", true),
      utf16(POLICY, "be", true),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(POLICY)]),
    ]) {
      expect((await lintBytes(bytes, "valid-encoding")).findings).toEqual([]);
    }
  });

  it("caps control character findings at ten plus one summary", async () => {
    const result = await lintText(`# Policy\n\n${"x\u0007".repeat(25)}\n`, { config: only("valid-encoding"), now: NOW });
    expect(result.findings).toHaveLength(11);
    expect(result.findings[10]?.message).toBe("Unexpected 15 more control characters, expected printable text, tabs and line breaks only");
  });
});

group("positions do not depend on the byte order mark or line endings", () => {
  const positions = async (bytes: Uint8Array) =>
    (await lintBytes(bytes)).findings.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId}`);

  it("gives LF, CRLF, CR, BOM+CRLF and UTF-16 text the same lines and columns", async () => {
    const lf = await positions(Buffer.from(POLICY));
    expect(lf.length).toBeGreaterThan(0);
    expect(await positions(Buffer.from(POLICY.replace(/\n/g, "\r\n")))).toEqual(lf);
    expect(await positions(Buffer.from(POLICY.replace(/\n/g, "\r")))).toEqual(lf);
    expect(await positions(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(POLICY.replace(/\n/g, "\r\n"))]))).toEqual(lf);
    expect(await positions(utf16(POLICY, "le", true))).toEqual(lf);
  });

  it("lints a string with a byte order mark at the same positions as without", async () => {
    const a = await lintText(POLICY, { now: NOW });
    const b = await lintText(`\ufeff${POLICY}`, { now: NOW });
    expect(b.findings.map(describe)).toEqual(a.findings.map(describe));
  });
});

group("empty file", () => {
  it("is linted: every require-* rule reports and there are errors", async () => {
    const result = await lintBytes(new Uint8Array(0));
    const ids = new Set(result.findings.map((f) => f.ruleId));
    for (const id of ["require-disclosure-process", "require-private-reporting", "require-response-timeline", "require-supported-versions"])
      expect(ids).toContain(id);
    expect(result.errorCount).toBeGreaterThan(0);
  });
});
