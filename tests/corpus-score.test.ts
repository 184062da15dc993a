import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without declarations
import { MAPPING, parseLabels, score } from "../scripts/corpus-lib.mjs";

const HEADER = [
  "file",
  "has_supported_versions_info",
  "all_versions_unsupported_or_template_rows",
  "has_private_channel",
  "has_response_timeline",
  "has_disclosure_process",
  "placeholder_contact",
  "mismatched_contacts",
  "placeholder_pgp",
  "unedited_github_template",
  "mojibake",
  "stale_last_updated_date",
  "template_leftover",
  "pgp_key_defect",
  "malformed_link",
  "note",
].join("\t");
// A good policy: nothing should fire. A broken one: versions are template rows, no channel, a placeholder.
const GOOD = ["good.md", "yes", "no", "yes", "yes", "yes", "no", "no", "no", "no", "no", "no", "no", "no", "no", "fine"].join("\t");
const BAD = ["bad.md", "yes", "yes", "no", "yes", "yes", "yes", "no", "no", "no", "no", "no", "no", "no", "no", "broken"].join("\t");

describe("corpus scoring", () => {
  const rows = parseLabels(`${HEADER}\n${GOOD}\r\n${BAD}\n`);

  it("reads every row and column of the labels", () => {
    expect(rows).toHaveLength(2);
    expect(rows[1].all_versions_unsupported_or_template_rows).toBe("yes");
    expect(rows[1].note).toBe("broken");
  });

  it("counts true and false positives and negatives per rule and lists the misjudged pairs", () => {
    const fired = new Map([
      ["good.md", new Set(["require-response-timeline"])], // a false alarm
      ["bad.md", new Set(["require-supported-versions", "no-placeholder-contact"])], // misses the channel
    ]);
    const { perRule, misjudged, judgements } = score(rows, fired);
    expect(judgements).toBe(2 * MAPPING.length);
    expect(perRule.get("require-supported-versions")).toEqual({ tp: 1, fp: 0, fn: 0, tn: 1 });
    expect(perRule.get("require-response-timeline")).toEqual({ tp: 0, fp: 1, fn: 0, tn: 1 });
    expect(perRule.get("require-private-reporting")).toEqual({ tp: 0, fp: 0, fn: 1, tn: 1 });
    expect(misjudged.map((m: { file: string; rule: string; kind: string }) => `${m.kind} ${m.rule} ${m.file}`)).toEqual([
      "false positive require-response-timeline good.md",
      "false negative require-private-reporting bad.md",
    ]);
  });

  it("refuses labels without a column the mapping reads, and files without a result", () => {
    expect(() => score(parseLabels("file\tnote\nx.md\tn\n"), new Map([["x.md", new Set()]]))).toThrow(/no column/);
    expect(() => score(rows, new Map())).toThrow(/no result for good.md/);
  });
});
