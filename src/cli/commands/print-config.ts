/** `secpolicy-lint print-config [file]`: the configuration that applies to a file, presets and extends applied. */
import path from "node:path";
import { loadConfig } from "../../io/config/load.js";
import { applyRuleOverrides } from "../../config/schema.js";
import { resolveTargets } from "../../io/files.js";

/**
 * The file the configuration is printed for: found as a lint run finds it (a directory or no argument
 * means the policy GitHub shows there, from a subfolder that of the repository), else the named path.
 */
function targetOf(file: string | undefined, cwd: string): string {
  const [target] = resolveTargets(file === undefined ? [] : [file], cwd);
  if (target && !target.error && !target.stdin) return target.filePath;
  return path.resolve(cwd, file ?? "SECURITY.md");
}

export async function printConfig(
  file: string | undefined,
  options: { cwd: string; configFile?: string; ruleOverrides?: string[] },
): Promise<string> {
  const target = targetOf(file, options.cwd);
  const config = applyRuleOverrides(
    await loadConfig(path.dirname(target), { configFile: options.configFile ? path.resolve(options.cwd, options.configFile) : undefined }),
    options.ruleOverrides ?? [],
  );
  const out = {
    file: target,
    sources: config.sources,
    reportUnusedDisables: config.reportUnusedDisables ?? "off",
    noInlineConfig: config.noInlineConfig ?? false,
    rules: config.rules,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
