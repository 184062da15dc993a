/**
 * What the command line says, as far as the entry (src/cli/launch.ts) must know before it loads the
 * program: the one definition of the subcommand names and of the run that is short. The program
 * (src/cli/program.ts) declares its commands with these names; the entry bundles this module alone.
 */
import { isGlob } from "../io/glob.js";
import { IN_PROCESS_LIMIT } from "../run/in-process.js";

/** The program's subcommands. */
export const COMMANDS = { init: "init", rules: "rules", printConfig: "print-config", lsp: "lsp" } as const;

/**
 * Whether this run lints (and ends with 0 or 1), rather than printing help or the version or running a
 * subcommand. (`help` counts as a subcommand here: commander's habit, though the program turns it off.)
 */
export function lints(args: readonly string[]): boolean {
  const first = args[0] ?? "";
  return (
    !args.some((a) => /^(?:-h|--help|-v|--version)$/.test(a)) && !(Object.values(COMMANDS) as string[]).includes(first) && first !== "help"
  );
}

/** Whether `--recursive` (or `-r`, alone or in a group of short flags) is given. */
export function isRecursive(args: readonly string[]): boolean {
  return args.some((a) => a === "--recursive" || (/^-[a-zA-Z]+$/.test(a) && a.includes("r")));
}

/**
 * A short run: it lints fewer paths than the number from which a run starts worker threads (counting
 * option values too, so never more), none of them a glob pattern (which can name any number of files),
 * and no `--recursive` scan. Such a run is start-up and one cold pass over the code: what the entry's
 * code cache, tiering and young generation settings are for.
 */
export function isShort(args: readonly string[]): boolean {
  const operands = args.filter((a) => !a.startsWith("-"));
  return lints(args) && !isRecursive(args) && operands.length < IN_PROCESS_LIMIT && !operands.some(isGlob);
}
