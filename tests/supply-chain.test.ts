/** The project's own supply chain: a committed lockfile, no install scripts, none in runtime dependencies. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "./helpers.js";

const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
};
const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
  lockfileVersion: number;
  packages: Record<string, { dev?: boolean; hasInstallScript?: boolean; optional?: boolean }>;
};

it("package.json has no install-time scripts", () => {
  for (const hook of ["preinstall", "install", "postinstall", "prepare", "prepublish", "preprepare", "postprepare"]) {
    expect(pkg.scripts ?? {}, hook).not.toHaveProperty(hook);
  }
});

it("the lockfile is committed and pins every package", () => {
  let tracked = "";
  try {
    tracked = execFileSync("git", ["ls-files", "package-lock.json"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    // Not a git checkout (a published tarball): the file's presence is checked below.
  }
  if (tracked !== "") expect(tracked).toBe("package-lock.json");
  expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
  for (const name of Object.keys(pkg.dependencies ?? {})) expect(lock.packages, name).toHaveProperty(`node_modules/${name}`);
});

it("no runtime dependency runs an install script", () => {
  const scripted = Object.entries(lock.packages)
    .filter(([name, p]) => name !== "" && p.hasInstallScript && !p.dev)
    .map(([name]) => name);
  expect(scripted).toEqual([]);
});
