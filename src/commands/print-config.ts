/** `secpolicy-lint print-config [file]`: the configuration that applies to a file, presets and extends applied. */
import path from "node:path";
import { loadConfig } from "../config/load.js";
import { applyRuleOverrides } from "../config/schema.js";

export async function printConfig(file: string | undefined, options: { cwd: string; configFile?: string; ruleOverrides?: string[] }): Promise<string> {
  const target = path.resolve(options.cwd, file ?? "SECURITY.md");
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
