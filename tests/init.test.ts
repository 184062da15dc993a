/** `init` never writes a policy the linter fails, refuses placeholder contacts, and asks again on a terminal. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { contactProblem, InitError, runInit, type InitFlags } from "../src/cli/commands/init.js";
import { lintText } from "../src/index.js";
import { loadRepository } from "../src/io/repository.js";
import { NOW } from "./helpers.js";

function project(pkg: Record<string, unknown> | null): string {
  const dir = mkdtempSync(path.join(tmpdir(), "secpolicy-lint-init-"));
  mkdirSync(path.join(dir, ".git"));
  if (pkg) writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg));
  return dir;
}

async function passes(file: string, root: string): Promise<string[]> {
  const r = await lintText(readFileSync(file, "utf8"), { filePath: file, now: NOW, repository: loadRepository(root) });
  return r.findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);
}

describe("init flags", () => {
  it("refuses placeholder and malformed addresses by no-placeholder-contact's judgement", () => {
    expect(contactProblem("security@example.com")).toMatch(/placeholder address .*RFC 2606/);
    expect(contactProblem("you@yourdomain.com")).toMatch(/placeholder/);
    expect(contactProblem("security at acme")).toMatch(/not an email address/);
    expect(contactProblem("security@lanternfish.dev")).toBeNull();
  });

  // Every combination of the flags, in a repository with and without a GitHub slug and a version: the
  // written file passes recommended, or init says why it wrote nothing.
  const emails = [undefined, "security@lanternfish.dev", "security@example.com"];
  const pvrs = [undefined, true, false];
  const versions = [undefined, "2.x, 1.x", "3.x"];
  const acks = [undefined, "1", "14", "30"];
  const packages = [{ name: "lamp", version: "3.1.0", repository: "github:lanternfish/lamp" }, { name: "lamp" }, null];
  let written = 0;
  let refused = 0;
  it("writes a passing policy for every combination, or refuses with a reason", async () => {
    for (const pkg of packages)
      for (const email of emails)
        for (const pvr of pvrs)
          for (const v of versions)
            for (const ackDays of acks) {
              const dir = project(pkg);
              const flags: InitFlags = { email, pvr, versions: v, ackDays };
              const label = JSON.stringify({ pkg, flags });
              try {
                const [file = ""] = await runInit(flags, dir, false);
                expect(await passes(file, dir), label).toEqual([]);
                written++;
              } catch (error) {
                expect(error, label).toBeInstanceOf(InitError);
                expect((error as Error).message, label).toMatch(
                  /--email|--pvr|--ack-days|contact is needed|versions are unknown|recommended rules/,
                );
                refused++;
              }
            }
    expect(written).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });
});

describe("init on a terminal", () => {
  const stdin = Object.getOwnPropertyDescriptor(process, "stdin");
  afterEach(() => {
    if (stdin) Object.defineProperty(process, "stdin", stdin);
    vi.restoreAllMocks();
  });

  function answer(lines: string[]): string[] {
    Object.defineProperty(process, "stdin", { value: Readable.from([lines.map((l) => `${l}\n`).join("")]), configurable: true });
    const said: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      said.push(String(chunk));
      return true;
    });
    return said;
  }

  it("asks about private vulnerability reporting, re-asks a placeholder or empty address, and writes a passing policy", async () => {
    const dir = project({ name: "lamp", version: "2.0.0", repository: "github:lanternfish/lamp" });
    const said = answer(["perhaps", "n", "", "security@example.com", "security@lanternfish.dev", "", "x", "2"]);
    const [file = ""] = await runInit({}, dir, true);
    const text = readFileSync(file, "utf8");
    expect(said.join("")).toMatch(/private vulnerability reporting enabled for lanternfish\/lamp/);
    expect(said.join("")).toMatch(/answer y or n/);
    expect(said.join("")).toMatch(/an address is needed/);
    expect(said.join("")).toMatch(/placeholder address/);
    expect(said.join("")).toMatch(/expected a whole number of days/);
    expect(text).toContain("security@lanternfish.dev");
    expect(text).not.toContain("/security/advisories/new");
    expect(text).toContain("within 2 days");
    expect(await passes(file, dir)).toEqual([]);
  });

  it("with private reporting on, an empty address is accepted; end of input stops with a message", async () => {
    const dir = project({ name: "lamp", version: "2.0.0", repository: "github:lanternfish/lamp" });
    answer(["", "", "", ""]);
    const [file = ""] = await runInit({}, dir, true);
    expect(readFileSync(file, "utf8")).toContain("https://github.com/lanternfish/lamp/security/advisories/new");
    const other = project({ name: "lamp", version: "2.0.0" });
    answer([""]);
    await expect(runInit({}, other, true)).rejects.toThrow(/end of input/);
  });
});
