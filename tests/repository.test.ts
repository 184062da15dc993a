/** The repository loader, on fixture repositories copied to a temporary folder with a `.git` marker. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../src/index.js";
import { type ArmorBlock, findArmorBlocks, inspectKey } from "../src/policy/formats/pgp.js";
import { loadRepository } from "../src/io/repository.js";
import { NOW, REPOS, ROOT } from "./helpers.js";

const temp = mkdtempSync(path.join(tmpdir(), "secpolicy-repo-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Copy a fixture repository and make it a git repository (a nested `.git` cannot be committed). */
function repo(name: string, tags: { loose?: string[]; packed?: string[] } = {}): string {
  const dir = path.join(temp, name);
  if (!name.startsWith("empty")) cpSync(path.join(REPOS, name), dir, { recursive: true });
  mkdirSync(path.join(dir, ".git", "refs", "tags"), { recursive: true });
  for (const tag of tags.loose ?? []) {
    mkdirSync(path.dirname(path.join(dir, ".git", "refs", "tags", tag)), { recursive: true });
    writeFileSync(path.join(dir, ".git", "refs", "tags", tag), `${"b".repeat(40)}\n`);
  }
  if (tags.packed)
    writeFileSync(path.join(dir, ".git", "packed-refs"), tags.packed.map((t) => `${"c".repeat(40)} refs/tags/${t}\n`).join(""));
  return dir;
}

describe("loadRepository", () => {
  it("reads the version from package.json, Cargo.toml, pyproject.toml (PEP 621 and Poetry)", () => {
    expect(loadRepository(repo("npm-0-3")).version).toEqual({ value: "0.3.2", source: "package.json" });
    expect(loadRepository(repo("cargo-workspace")).version).toEqual({ value: "2.4.1", source: "Cargo.toml" });
    expect(loadRepository(repo("pyproject-pep621")).version).toEqual({ value: "1.8.0", source: "pyproject.toml" });
    expect(loadRepository(repo("poetry")).version).toEqual({ value: "3.1.0", source: "pyproject.toml" });
  });

  it("falls back to the newest semver tag from refs/tags and packed-refs, without running git", () => {
    const dir = repo("empty", { loose: ["v1.4.0", "release/v1.9.0", "nightly"], packed: ["v1.10.2", "v2.0.0-rc.1"] });
    expect(loadRepository(dir).version).toEqual({ value: "1.10.2", source: "git tag", tag: "v1.10.2" });
  });

  it("lists policy files in the order GitHub picks them, any case and extension", () => {
    const info = loadRepository(repo("duplicate-policies"));
    expect(info.policyFiles?.map((f) => f.path)).toEqual([".github/SECURITY.md", "SECURITY.md", "docs/security.rst"]);
  });

  it("finds security.txt where sites publish it", () => {
    expect(loadRepository(repo("security-txt-mismatched")).securityTxt?.map((f) => f.path)).toEqual(["public/.well-known/security.txt"]);
    expect(loadRepository(repo("security-txt-valid")).securityTxt?.map((f) => f.path)).toEqual([".well-known/security.txt"]);
  });

  it("gives the rules their repository when a policy is linted", async () => {
    const dir = repo("duplicate-policies");
    const [result] = await lint([dir], { now: NOW, ruleOverrides: ["single-policy-file=warn"] });
    expect(result?.displayPath.endsWith(path.join(".github", "SECURITY.md"))).toBe(true);
    const messages = result?.findings.filter((f) => f.ruleId === "single-policy-file").map((f) => `${f.severity} ${f.message}`);
    expect(messages).toEqual([
      "warn Unexpected other policy files `SECURITY.md`, `docs/security.rst` that GitHub ignores, expected one policy: GitHub shows this one, `.github/SECURITY.md`",
      "error Unexpected reporting address `mosaic-security@lists.mosaic-ui.org` in `docs/security.rst`, expected the same contact as this file (`security@mosaic-ui.org`): reporters may read either",
    ]);
  });
});

describe("loadRepository and symbolic links", () => {
  it("does not read a security.txt or manifest that links outside the repository", () => {
    const outside = path.join(temp, "outside.txt");
    writeFileSync(outside, "Contact: mailto:someone@elsewhere.dev\n");
    writeFileSync(path.join(temp, "outside.json"), '{"version":"9.9.9"}');
    const dir = repo("empty-with-links");
    mkdirSync(path.join(dir, ".well-known"));
    symlinkSync(outside, path.join(dir, ".well-known", "security.txt"));
    symlinkSync(path.join(temp, "outside.json"), path.join(dir, "package.json"));
    const info = loadRepository(dir);
    expect(info.securityTxt).toEqual([]);
    expect(info.version).toBeNull();
  });
});

describe("consistent-security-txt and a key block in the policy", () => {
  const key = readFileSync(path.join(ROOT, "fixtures", "keys", "valid-key.asc"), "utf8");
  const policy = `# Security Policy\n\nEmail security@fixture-project.org, encrypted to this key:\n\n\`\`\`\n${key.trim()}\n\`\`\`\n`;

  async function keyFindings(fingerprint: string): Promise<string[]> {
    const dir = repo(`empty-key-${fingerprint.slice(0, 6)}`);
    mkdirSync(path.join(dir, ".well-known"));
    writeFileSync(
      path.join(dir, ".well-known", "security.txt"),
      `Contact: mailto:security@fixture-project.org\nExpires: 2027-06-01T00:00:00Z\nEncryption: openpgp4fpr:${fingerprint}\nPolicy: https://github.com/fixture/project/security/policy\n`,
    );
    writeFileSync(path.join(dir, "SECURITY.md"), policy);
    const [result] = await lint([dir], { now: NOW, ruleOverrides: ["consistent-security-txt=warn"] });
    return (result?.findings ?? []).filter((f) => f.ruleId === "consistent-security-txt").map((f) => `${f.line} ${f.message}`);
  }

  it("accepts the fingerprint of the armored key the policy gives", async () => {
    const [block] = findArmorBlocks(key);
    const info = await inspectKey(block as ArmorBlock);
    expect("fingerprint" in info).toBe(true);
    expect(await keyFindings((info as { fingerprint: string }).fingerprint.toLowerCase())).toEqual([]);
  });

  it("reports another fingerprint at the key block", async () => {
    const found = await keyFindings("0123456789ABCDEF0123456789ABCDEF01234567");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^6 Unexpected `Encryption` fingerprint `0123456789ABCDEF0123456789ABCDEF01234567` in `\.well-known\/security\.txt`, expected the key fingerprint this policy gives \(`[0-9A-F]{40}`\)$/,
    );
  });
});
