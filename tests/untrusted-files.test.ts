/**
 * Bad files and hostile file trees, end to end through the built CLI: each bad path gets one line naming
 * it (exit 2) while the other files of the run are still linted; links that leave the repository are
 * refused without being read.
 */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GOOD, runCli, tempRepo } from "./cli-run.js";

const SECRET = "TOP-SECRET-CANARY root:x:0:0";
const BAD = GOOD.replace("security@lanternfish.dev", "security@example.com");

let outside: string;
beforeAll(() => {
  // A file outside every test repository that a hostile link points at.
  outside = path.join(tempRepo({ "secret.md": `# ${SECRET}\n` }, false), "secret.md");
  const r = runCli(["--version"]);
  if (r.code !== 0) throw new Error(`dist/cli.cjs is missing or broken: run \`npm run build\` first\n${r.stderr}`);
});

interface JsonResult {
  filePath: string;
  messages: { message: string; fatal?: boolean; ruleId: string | null }[];
}

function jsonRun(args: string[], cwd: string): { code: number | null; results: JsonResult[]; stdout: string } {
  const r = runCli(["--format", "json", ...args], { cwd });
  return { code: r.code, results: JSON.parse(r.stdout) as JsonResult[], stdout: r.stdout + r.stderr };
}

describe("bad files: one message naming the file, exit 2, the others still linted", () => {
  const cases: [string, (dir: string) => string, RegExp][] = [
    ["a missing path", () => "nope/SECURITY.md", /no such file or directory/],
    ["a directory with no policy", (dir) => (mkdirSync(path.join(dir, "empty")), "empty"), /no SECURITY\.md found/],
    [
      "a binary file",
      (dir) => (writeFileSync(path.join(dir, "bin.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 0xff, 0, 0x10])), "bin.md"),
      /binary file/,
    ],
    [
      "a file over the size limit",
      (dir) => (writeFileSync(path.join(dir, "big.md"), "a".repeat(2 * 1024 * 1024)), "big.md"),
      /over the 1048576-byte limit/,
    ],
  ];
  for (const [name, make, message] of cases) {
    it(name, () => {
      const dir = tempRepo({ "a/SECURITY.md": BAD, "b/SECURITY.md": GOOD });
      const arg = make(dir);
      const stylish = runCli(["a/SECURITY.md", arg, "b/SECURITY.md"], { cwd: dir });
      expect(stylish.code).toBe(2);
      // The bad path is named and its message is on one line.
      const lines = stylish.stdout.split("\n");
      const at = lines.indexOf(arg);
      expect(at).toBeGreaterThan(-1);
      expect(lines[at + 1]).toMatch(message);
      // The file before it was still linted and reported.
      expect(stylish.stdout).toContain("no-placeholder-contact");
      const { results } = jsonRun(["a/SECURITY.md", arg, "b/SECURITY.md"], dir);
      expect(results).toHaveLength(3);
      expect(results[1]?.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringMatching(message) })]);
      expect(results[2]?.messages).toEqual([]);
    });
  }

  it("--max-file-size sets the limit", () => {
    const dir = tempRepo({ "SECURITY.md": GOOD });
    expect(runCli(["--max-file-size", "100", "SECURITY.md"], { cwd: dir }).stdout).toMatch(/over the 100-byte limit \(--max-file-size\)/);
    expect(runCli(["--max-file-size", "100000", "SECURITY.md"], { cwd: dir }).code).toBe(0);
  });

  it.skipIf(process.getuid?.() === 0)("an unreadable file", () => {
    const dir = tempRepo({ "SECURITY.md": GOOD, "locked.md": GOOD });
    chmodSync(path.join(dir, "locked.md"), 0o000);
    const r = runCli(["locked.md", "SECURITY.md"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/locked\.md\n {2}0:0 {2}error {2}permission denied/);
  });

  it("an empty file is linted and exits 1", () => {
    const dir = tempRepo({ "SECURITY.md": "" });
    const r = runCli([], { cwd: dir });
    expect(r.code).toBe(1);
    for (const id of [
      "require-private-reporting",
      "require-supported-versions",
      "require-response-timeline",
      "require-disclosure-process",
    ]) {
      expect(r.stdout).toContain(id);
    }
  });

  it("invalid UTF-8 is a valid-encoding finding (exit 1) naming the byte offset", () => {
    const dir = tempRepo({ "SECURITY.md": Buffer.concat([Buffer.from(GOOD), Buffer.from("Caf\xe9\n", "latin1")]) });
    const r = runCli([], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`Unexpected invalid UTF-8 at byte offset ${Buffer.byteLength(GOOD) + 3}\\b.*valid-encoding`));
  });
});

describe("symbolic links", () => {
  it("refuses a SECURITY.md that links outside the repository, without reading it", () => {
    for (const where of ["SECURITY.md", ".github/SECURITY.md", "docs/SECURITY.md"]) {
      const dir = tempRepo();
      mkdirSync(path.dirname(path.join(dir, where)), { recursive: true });
      symlinkSync(outside, path.join(dir, where));
      for (const args of [[], ["."], [where]]) {
        const r = runCli(args, { cwd: dir });
        expect(r.code, `${where} ${args.join(" ")}`).toBe(2);
        expect(r.stdout).toMatch(/symbolic link resolves outside .*refused/);
        expect(r.stdout + r.stderr).not.toContain("TOP-SECRET-CANARY");
        expect(r.stdout.split("\n").filter((l) => /refused/.test(l))).toHaveLength(1);
      }
    }
  });

  it("refuses a relative link that climbs out, and a named file under a linked folder", () => {
    const dir = tempRepo();
    symlinkSync(path.relative(dir, outside), path.join(dir, "SECURITY.md"));
    expect(runCli([], { cwd: dir }).code).toBe(2);
    const dir2 = tempRepo();
    symlinkSync(path.dirname(outside), path.join(dir2, "docs"));
    const r = runCli(["docs/secret.md"], { cwd: dir2 });
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain("TOP-SECRET-CANARY");
  });

  it("does not follow a linked .github or docs folder when looking for the policy", () => {
    const target = tempRepo({ "SECURITY.md": GOOD }, false);
    const dir = tempRepo({ "SECURITY.md": BAD });
    symlinkSync(target, path.join(dir, ".github"));
    const r = runCli(["--format", "json"], { cwd: dir });
    // The root policy is found, not the one behind the linked .github folder.
    expect(JSON.parse(r.stdout)[0].filePath).toBe(path.join(dir, "SECURITY.md"));
  });

  it("lints a link that stays inside the repository", () => {
    const dir = tempRepo({ "policy/security.md": GOOD });
    symlinkSync(path.join("policy", "security.md"), path.join(dir, "SECURITY.md"));
    expect(runCli([], { cwd: dir }).code).toBe(0);
  });

  it("outside a repository, the current directory is the root", () => {
    const dir = tempRepo({}, false);
    symlinkSync(outside, path.join(dir, "SECURITY.md"));
    const r = runCli([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain("TOP-SECRET-CANARY");
  });

  it("refuses a configuration file that links outside the repository, without reading it", () => {
    const dir = tempRepo({ "SECURITY.md": GOOD });
    symlinkSync(outside, path.join(dir, ".secpolicylintrc.json"));
    const r = runCli([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.secpolicylintrc\.json: symbolic link resolves outside/);
    expect(r.stdout + r.stderr).not.toContain("TOP-SECRET-CANARY");
  });

  it("still lints an absolute path outside the current directory that is not a link", () => {
    const dir = tempRepo({ "SECURITY.md": GOOD }, false);
    expect(runCli([path.join(dir, "SECURITY.md")], { cwd: tmpdir() }).code).toBe(0);
  });
});
