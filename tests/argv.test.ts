/** What the entry reads from the command line before the program loads (src/cli/argv.ts). */
import { describe, expect, it } from "vitest";
import { isRecursive, isShort, lints } from "../src/cli/argv.js";

describe("lints", () => {
  it("is a run that lints, not help, the version or a subcommand", () => {
    expect(lints(["SECURITY.md"])).toBe(true);
    expect(lints([])).toBe(true);
    expect(lints(["--format", "json", "SECURITY.md"])).toBe(true);
    for (const args of [["--help"], ["-h"], ["--version"], ["-v"], ["init"], ["rules"], ["print-config", "x.md"], ["lsp"], ["help"]])
      expect(lints(args), args.join(" ")).toBe(false);
  });
});

describe("isRecursive", () => {
  it("finds --recursive and -r, alone or grouped", () => {
    expect(isRecursive(["--recursive", "."])).toBe(true);
    expect(isRecursive(["-r", "."])).toBe(true);
    expect(isRecursive(["-qr", "."])).toBe(true);
    expect(isRecursive(["--rule", "x=off", "."])).toBe(false);
  });
});

describe("isShort", () => {
  it("is a run of a few paths", () => {
    expect(isShort(["SECURITY.md"])).toBe(true);
    expect(isShort(["."])).toBe(true);
    expect(isShort(["--format", "json", "a.md", "b.md"])).toBe(true);
    expect(isShort(["1.md", "2.md", "3.md", "4.md", "5.md", "6.md", "7.md"])).toBe(true);
  });

  it("is not a run of eight paths or more (option values counted), a scan, or a subcommand", () => {
    expect(isShort(["1.md", "2.md", "3.md", "4.md", "5.md", "6.md", "7.md", "8.md"])).toBe(false);
    expect(isShort(["--format", "json", "1.md", "2.md", "3.md", "4.md", "5.md", "6.md", "7.md"])).toBe(false);
    expect(isShort(["--recursive", "."])).toBe(false);
    expect(isShort(["init"])).toBe(false);
  });

  it("is not a run with a glob pattern, which can name any number of files", () => {
    expect(isShort(["**/SECURITY.md"])).toBe(false);
    expect(isShort(["docs/*.md"])).toBe(false);
    expect(isShort(["policies/{a,b}.md"])).toBe(false);
    expect(isShort(["policy-?.md"])).toBe(false);
    expect(isShort(["[ab].md"])).toBe(false);
    // Standard input is one text.
    expect(isShort(["-"])).toBe(true);
  });
});
