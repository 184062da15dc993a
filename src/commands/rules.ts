/** `secpolicy-lint rules`: the rule list, as a table or JSON. */
import { rules } from "../../rules/index.js";
import { docsUrl, recommendedSeverity } from "../engine/rule.js";

export interface RuleRow {
  id: string;
  severity: "off" | "warn" | "error";
  fixable: boolean;
  description: string;
  docsUrl: string;
}

export function ruleRows(): RuleRow[] {
  return rules.map((r) => ({ id: r.meta.id, severity: recommendedSeverity(r.meta), fixable: r.meta.fixable === true, description: r.meta.description, docsUrl: docsUrl(r.meta.id) }));
}

export function formatRules(format: string): string {
  const rows = ruleRows();
  if (format === "json") return `${JSON.stringify(rows, null, 2)}\n`;
  const idWidth = Math.max(4, ...rows.map((r) => r.id.length));
  const head = `${"rule".padEnd(idWidth)}  default  fixable  description`;
  const lines = rows.map((r) => `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(7)}  ${(r.fixable ? "yes" : "no").padEnd(7)}  ${r.description}`);
  return `${[head, ...lines].join("\n")}\n`;
}
