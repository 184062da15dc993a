/** Pure parsers of repository facts: manifests, tags, version rows and security.txt. */
import { describe, expect, it } from "vitest";
import { newestTag, tagsFromPackedRefs, versionFromCargoToml, versionFromPackageJson, versionFromPyproject } from "../src/io/manifests.js";
import { comparableUrl, fingerprintInUrl, keyUrlAgrees } from "../src/policy/facts/keys.js";
import {
  checkSecurityTxt,
  contactEmails,
  encryptionFingerprints,
  encryptionUris,
  openpgpkeyLabel,
  openpgpkeyNames,
  parseOpenpgpkeyUri,
  parseSecurityTxt,
} from "../src/policy/formats/security-txt.js";
import { rowCovers, rowRange, seriesOf } from "../src/policy/facts/version-match.js";

const NOW = new Date("2026-11-21T12:00:00Z");

describe("manifest versions", () => {
  it("reads package.json and skips placeholder versions", () => {
    expect(versionFromPackageJson('{"version":"1.4.0"}')).toBe("1.4.0");
    expect(versionFromPackageJson('{"version":"0.0.0-development"}')).toBeNull();
    expect(versionFromPackageJson("{not json")).toBeNull();
    expect(versionFromPackageJson('{"private":true,"version":"0.1.0"}')).toBeNull();
  });

  it("reads Cargo.toml, following version.workspace to [workspace.package]", () => {
    expect(versionFromCargoToml('[package]\nname = "a"\nversion = "0.9.3"\n')).toBe("0.9.3");
    expect(versionFromCargoToml('[workspace.package]\nversion = "2.4.1"\n[package]\nname = "a"\nversion.workspace = true\n')).toBe("2.4.1");
    expect(versionFromCargoToml('[workspace]\nmembers = ["x"]\n')).toBeNull();
  });

  it("reads pyproject.toml: PEP 621 first, then Poetry; a dynamic version is unknown", () => {
    expect(versionFromPyproject('[project]\nname = "a"\nversion = "1.8.0"\n')).toBe("1.8.0");
    expect(versionFromPyproject('[tool.poetry]\nname = "a"\nversion = "3.1.0"\n')).toBe("3.1.0");
    expect(versionFromPyproject('[project]\nname = "a"\ndynamic = ["version"]\n')).toBeNull();
  });

  it("picks the newest release tag, ignoring pre-releases unless there is nothing else", () => {
    expect(newestTag(["v1.9.0", "v1.10.0", "v2.0.0-rc.1", "latest", "nightly"])).toEqual({ tag: "v1.10.0", value: "1.10.0" });
    expect(newestTag(["release-0.4.2", "0.3.9"])).toEqual({ tag: "release-0.4.2", value: "0.4.2" });
    expect(newestTag(["v2.0.0-beta.1"])).toEqual({ tag: "v2.0.0-beta.1", value: "2.0.0-beta.1" });
    expect(newestTag(["stable"])).toBeNull();
  });

  it("reads tag names from packed-refs", () => {
    const sha = "a".repeat(40);
    expect(
      tagsFromPackedRefs(`# pack-refs with: peeled fully-peeled sorted\n${sha} refs/heads/main\n${sha} refs/tags/v1.2.0\n^${sha}\n`),
    ).toEqual(["v1.2.0"]);
  });
});

describe("version rows", () => {
  const covers = (row: string, version: string): boolean => rowCovers(rowRange(row), version);

  it("matches the expressions policies write", () => {
    expect(covers("5.1.x", "5.1.4")).toBe(true);
    expect(covers("5.1.x", "5.2.0")).toBe(false);
    expect(covers(">= 2.0", "3.4.0")).toBe(true);
    expect(covers("< 1.0", "0.9.9")).toBe(true);
    expect(covers("< 1.0", "1.0.0")).toBe(false);
    expect(covers("1.x", "1.7.2")).toBe(true);
    expect(covers("v3", "3.1.0")).toBe(true);
    expect(covers("2.4.*", "2.4.9")).toBe(true);
    expect(covers("≥ 1.5", "1.6.0")).toBe(true);
    expect(covers("1.2 and later", "4.0.0")).toBe(true);
    expect(covers("2.0+", "2.3.0")).toBe(true);
    expect(covers("1.x, 2.x", "2.3.0")).toBe(true);
    expect(covers("1.x or 2.x", "3.0.0")).toBe(false);
    expect(covers("1.4 or newer", "1.9.0")).toBe(true);
  });

  it("treats Latest and branch names as the newest release", () => {
    for (const row of ["Latest", "latest release", "main", "Current (3.x)", "master", "2.2.x / latest"])
      expect(rowRange(row).kind).toBe("newest");
  });

  it("counts a pre-release as the release it leads to", () => {
    expect(covers("3.x", "3.0.0-rc.1")).toBe(true);
  });

  it("cannot read prose", () => {
    expect(rowRange("Older releases").kind).toBe("unknown");
  });

  it("suggests the series in the table's style", () => {
    expect(seriesOf("0.3.2")).toBe("0.3.x");
    expect(seriesOf("2.4.1")).toBe("2.x");
    expect(seriesOf("2.4.1", ["2.3.x"])).toBe("2.4.x");
  });
});

describe("security.txt", () => {
  it("parses fields, comments and a cleartext-signed file", () => {
    const txt = parseSecurityTxt(
      "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n# comment\nContact: mailto:sec@acme.dev\n- Contact: https://acme.dev/report\nExpires: 2027-01-01T00:00:00Z\n-----BEGIN PGP SIGNATURE-----\n\nabc\n-----END PGP SIGNATURE-----\n",
    );
    expect(txt.signed).toBe(true);
    expect(txt.fields.map((f) => `${f.name}=${f.value}@${f.line}`)).toEqual([
      "Contact=mailto:sec@acme.dev@5",
      "Contact=https://acme.dev/report@6",
      "Expires=2027-01-01T00:00:00Z@7",
    ]);
    expect(contactEmails(txt)).toEqual(["sec@acme.dev"]);
    expect(checkSecurityTxt(txt, NOW)).toEqual([]);
  });

  it("reports what RFC 9116 requires", () => {
    const kinds = (text: string): string[] => checkSecurityTxt(parseSecurityTxt(text), NOW).map((p) => p.kind);
    expect(kinds("Expires: 2027-01-01T00:00:00Z\n")).toEqual(["no-contact"]);
    expect(kinds("Contact: mailto:a@b.dev\n")).toEqual(["no-expires"]);
    expect(kinds("Contact: mailto:a@b.dev\nExpires: 2026-01-01T00:00:00Z\n")).toEqual(["expired"]);
    expect(kinds("Contact: mailto:a@b.dev\nExpires: 2029-01-01T00:00:00Z\n")).toEqual(["far-expiry"]);
    expect(kinds("Contact: mailto:a@b.dev\nExpires: January 2027\n")).toEqual(["bad-date"]);
    expect(kinds("Contact: a@b.dev\nExpires: 2027-01-01T00:00:00+01:00\nPolicy: http://b.dev/p\n")).toEqual(["bad-contact", "not-https"]);
    expect(kinds("Contact: mailto:a@b.dev\nExpires: 2027-01-01T00:00:00Z\nEncryption: mQINBGXyZ1kBEADc3x0q1Zt4q7v9s0u2w\n")).toEqual([
      "key-inline",
    ]);
    expect(kinds("Contact: mailto:a@b.dev\nExpires: 2027-01-01T00:00:00Z\nPreferred-Languages: en\nPreferred-Languages: fr\n")).toEqual([
      "repeated",
    ]);
  });

  it("reads openpgp4fpr fingerprints", () => {
    expect(encryptionFingerprints(parseSecurityTxt("Encryption: openpgp4fpr:3a1f9c0e7b42d6a85e10f2c4b97d3e6a0c5b8f21\n"))).toEqual([
      "3A1F9C0E7B42D6A85E10F2C4B97D3E6A0C5B8F21",
    ]);
  });

  it("reads `https:` and `dns:` Encryption URIs", () => {
    const txt = parseSecurityTxt(
      "Encryption: https://a.dev/key.asc\nEncryption: dns:5d2d._openpgpkey.a.dev?type=OPENPGPKEY\nEncryption: openpgp4fpr:AB\n",
    );
    expect(encryptionUris(txt, "https").map((f) => f.line)).toEqual([1]);
    expect(encryptionUris(txt, "dns").map((f) => f.line)).toEqual([2]);
  });

  it("names OPENPGPKEY records as RFC 7929 does", () => {
    // RFC 7929 section 3: hugh@example.com
    expect(openpgpkeyLabel("hugh")).toBe("c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6");
    const record = parseOpenpgpkeyUri(
      "dns:c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._openpgpkey.Example.com?type=OPENPGPKEY",
    );
    expect(record).toEqual({ label: "c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6", domain: "example.com" });
    expect(openpgpkeyNames(record as { label: string; domain: string }, "hugh@example.com")).toBe(true);
    expect(openpgpkeyNames(record as { label: string; domain: string }, "hugh@example.org")).toBe(false);
    expect(openpgpkeyNames(record as { label: string; domain: string }, "security@example.com")).toBe(false);
    expect(parseOpenpgpkeyUri("dns:example.com?type=OPENPGPKEY")).toBeNull();
  });

  it("compares key URLs by the fingerprint they carry, else as links", () => {
    const fp = "7C2E11B094AF3D58E6A10B9C44D27F18E053A9C6";
    expect(fingerprintInUrl(`https://keys.openpgp.org/vks/v1/by-fingerprint/${fp}`)).toBe(fp);
    expect(fingerprintInUrl(`https://keyserver.ubuntu.com/pks/lookup?op=get&search=0x${fp.toLowerCase()}`)).toBe(fp);
    expect(fingerprintInUrl("https://a.dev/.well-known/pgp-key.asc")).toBeNull();
    expect(comparableUrl("https://A.dev/key.asc#x")).toBe(comparableUrl("https://a.dev/key.asc"));
    const given = [{ fingerprint: fp, range: { start: 0, end: 1 } }];
    const links = [{ url: "https://a.dev/key.asc", range: { start: 0, end: 1 } }];
    expect(keyUrlAgrees(`https://keys.openpgp.org/vks/v1/by-fingerprint/${fp}`, given, [])).toBe(true);
    expect(keyUrlAgrees("https://keys.openpgp.org/vks/v1/by-fingerprint/3A1F9C0E7B42D6A85E10F2C4B97D3E6A0C5B8F21", given, [])).toBe(false);
    expect(keyUrlAgrees("https://a.dev/key.asc/", given, links)).toBe(true);
    expect(keyUrlAgrees("https://a.dev/old.asc", given, links)).toBe(false);
    expect(keyUrlAgrees("https://a.dev/old.asc", given, [])).toBeNull();
  });
});
