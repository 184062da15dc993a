// Preload for tests/fix-crash.test.ts: the process dies (SIGKILL) at the moment --fix would rename its
// temporary file over the policy, as a crash or a killed CI job would stop it.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

fs.renameSync = () => {
  process.kill(process.pid, "SIGKILL");
};
syncBuiltinESMExports();
