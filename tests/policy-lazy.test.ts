/**
 * The policy model is lazy: each fact is computed on first read and kept, so a run with one rule on
 * computes only what that rule reads. And the rules read the model only: they import types, never values,
 * from src/policy/.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { preset, type ResolvedConfig } from "../src/config/schema.js";
import { lintText } from "../src/index.js";
import { buildPolicy, Policy } from "../src/policy/model.js";
import { ROOT } from "./helpers.js";

const TEXT = [
  "# Security Policy",
  "",
  "## Reporting a Vulnerability",
  "",
  "Email security@acme-widgets.io. We acknowledge reports within 48 hours.",
  "",
  "## Supported Versions",
  "",
  "| Version | Supported |",
  "| ------- | --------- |",
  "| 2.x     | ✅        |",
  "",
].join("\n");

function only(id: string): ResolvedConfig {
  const rules = preset("off");
  const setting = rules[id];
  if (setting) setting.severity = "error";
  return { rules, sources: [] };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the lazy policy model", () => {
  it("computes no fact a run's rules do not read", async () => {
    const sections = vi.spyOn(Policy.prototype, "sections", "get");
    const blocks = vi.spyOn(Policy.prototype, "blocks", "get");
    const contacts = vi.spyOn(Policy.prototype, "contacts", "get");
    const encoding = vi.spyOn(Policy.prototype, "encoding", "get");
    await lintText(TEXT, { config: only("valid-encoding") });
    expect(encoding).toHaveBeenCalled();
    expect(sections).not.toHaveBeenCalled();
    expect(blocks).not.toHaveBeenCalled();
    expect(contacts).not.toHaveBeenCalled();
  });

  it("computes the facts a rule reads, and those they are built from", async () => {
    const blocks = vi.spyOn(Policy.prototype, "blocks", "get");
    const durations = vi.spyOn(Policy.prototype, "durations", "get");
    const mojibake = vi.spyOn(Policy.prototype, "mojibake", "get");
    await lintText(TEXT, { config: only("require-response-timeline") });
    expect(durations).toHaveBeenCalled();
    expect(blocks).toHaveBeenCalled();
    expect(mojibake).not.toHaveBeenCalled();
  });

  it("computes each fact once, however often it is read", () => {
    const policy = buildPolicy(TEXT);
    const first = policy.contacts;
    expect(policy.contacts).toBe(first);
    expect(policy.blocks).toBe(policy.blocks);
    expect(policy.pointer).toBe(policy.pointer);
    expect(first.map((c) => c.value)).toEqual(["security@acme-widgets.io"]);
  });

  it("gives the same facts whichever is read first", () => {
    const a = buildPolicy(TEXT);
    const b = buildPolicy(TEXT);
    // b reads the channels before the blocks and sections they are built from.
    expect(b.channels.map((c) => c.kind)).toEqual(a.channels.map((c) => c.kind));
    expect(b.durations.map((d) => d.text)).toEqual(a.durations.map((d) => d.text));
    expect(b.blocks.map((x) => x.section?.kind ?? null)).toEqual(a.blocks.map((x) => x.section?.kind ?? null));
  });
});

describe("rules and the model", () => {
  it("rules import only types from src/policy/", () => {
    const dir = path.join(ROOT, "rules");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(path.join(dir, file), "utf8");
      for (const m of source.matchAll(/^import\s+(type\s+)?([^;]*?)\s+from\s+"([^"]+)";/gms)) {
        if (!(m[3] as string).includes("/src/policy/")) continue;
        const typesOnly = m[1] !== undefined || /^\{\s*(?:type\s+[\w$]+\s*,?\s*)+\}$/.test((m[2] as string).trim());
        expect(typesOnly, `${file}: ${m[0]}`).toBe(true);
      }
      expect(source, `${file} loads a module of src/policy/ at run time`).not.toMatch(/import\(\s*"[^"]*\/src\/policy\//);
    }
  });
});
