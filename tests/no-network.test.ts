/** The linter never opens a socket: the CLI runs with every network module stubbed to throw. */
import path from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "./helpers.js";
import { GOOD, runCli, tempRepo } from "./cli-run.js";

const PRELOAD = path.join(ROOT, "tests", "support", "no-network.mjs");
const KEYED = `${GOOD}
## PGP key

Fingerprint: 0123 4567 89AB CDEF 0123  4567 89AB CDEF 0123 4567

[report form](https://github.com/lanternfish/lanternfish/security/advisories/new) · <https://hackerone.com/lanternfish>
`;

it("the stub really blocks the network", () => {
  const r = runCli([], { nodeArgs: ["--import", PRELOAD, "-e", "require('node:net').connect(80, 'example.org')"] as string[] });
  // `node --import X -e CODE dist/cli.cjs`: -e runs instead of the CLI and must fail.
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain("NETWORK ATTEMPT: net.connect");
});

it("lints policies with links, keys and every format without touching the network", () => {
  const dir = tempRepo({ "SECURITY.md": KEYED, "docs/SECURITY.md": GOOD.replace("security@lanternfish.dev", "security@example.com") });
  for (const format of ["stylish", "json"]) {
    const r = runCli(["--format", format, "SECURITY.md", "docs/SECURITY.md"], { cwd: dir, nodeArgs: ["--import", PRELOAD] });
    expect(r.stderr).not.toContain("NETWORK ATTEMPT");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("no-placeholder-contact");
  }
});
