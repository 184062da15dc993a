/**
 * Rule options in ESLint 9's shape: a schema without defaults plus `meta.defaultOptions`, merged with what
 * a preset or the user sets (objects key by key, arrays replaced).
 */
import { describe, expect, it } from "vitest";
import { ConfigError, preset, resolveConfig, validateConfig } from "../src/config/schema.js";
import { mergeOptions } from "../src/engine/rule.js";

describe("mergeOptions", () => {
  it("merges objects key by key, recursively, and replaces arrays and other values", () => {
    const base = { a: 1, list: [1, 2], nested: { x: 1, y: 2 }, keep: true };
    const over = { list: [3], nested: { y: 3 }, keep: false };
    expect(mergeOptions(base, over)).toEqual({ a: 1, list: [3], nested: { x: 1, y: 3 }, keep: false });
    // Neither argument is changed, and the result shares nothing with them.
    expect(base).toEqual({ a: 1, list: [1, 2], nested: { x: 1, y: 2 }, keep: true });
    const merged = mergeOptions(base, {});
    merged.list.push(9);
    expect(base.list).toEqual([1, 2]);
  });

  it("skips undefined values and keeps a `__proto__` key an own key", () => {
    expect(mergeOptions({ a: 1 }, { a: undefined })).toEqual({ a: 1 });
    const over = JSON.parse('{ "__proto__": { "polluted": true } }') as Record<string, unknown>;
    const merged = mergeOptions({ a: 1 } as Record<string, unknown>, over);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.hasOwn(merged, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("options from the configuration", () => {
  it("fills in the defaults of options the user leaves out", () => {
    const resolved = resolveConfig(
      validateConfig({ rules: { "require-private-reporting": { options: { require: ["email"] } } } }, "test.json"),
      "test.json",
    );
    expect(resolved.rules["require-private-reporting"]?.options).toEqual({
      allowForms: true,
      allowMentions: true,
      allowDelegation: true,
      require: ["email"],
    });
  });

  it("starts every rule from its defaultOptions, and strict turns delegation off over them", () => {
    expect(preset("recommended")["no-stale-date"]?.options).toEqual({ maxAgeDays: 365 });
    expect(preset("strict")["require-response-timeline"]?.options).toEqual({ maxAcknowledgeDays: 14, allowDelegation: false });
  });

  it("still refuses unknown options and values of the wrong type", () => {
    expect(() => validateConfig({ rules: { "no-stale-date": { options: { maxAge: 3 } } } }, "c.json")).toThrow(ConfigError);
    expect(() => validateConfig({ rules: { "no-stale-date": { options: { maxAgeDays: "soon" } } } }, "c.json")).toThrow(
      /rules\.no-stale-date\.options\.maxAgeDays/,
    );
  });
});
