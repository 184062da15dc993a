import * as z from "zod";
import { defineRule } from "../src/engine/rule.js";
import type { Duration } from "../src/policy/facts/durations.js";
import type { PromiseKind } from "../src/policy/lexicon/index.js";

const PROMISE_NAMES: Record<PromiseKind, string> = {
  acknowledge: "acknowledgment",
  respond: "first response",
  assess: "assessment",
  update: "status update",
  fix: "fix",
  disclose: "disclosure",
};

/** What a time that is not a response time promises instead, for the near-miss message. */
const NEAR_MISS: Record<PromiseKind, string> = {
  acknowledge: "an acknowledgment time",
  respond: "a first-response time",
  assess: "an assessment time",
  update: "a status-update interval",
  fix: "a fix time",
  disclose: "a disclosure window",
};

function days(hours: number): string {
  const d = hours / 24;
  return Number.isInteger(d) ? String(d) : d.toFixed(1);
}

function sameTime(a: Duration, b: Duration): boolean {
  return a.minHours === b.minHours && a.maxHours === b.maxHours;
}

export default defineRule({
  meta: {
    id: "require-response-timeline",
    description: "Require a concrete, consistent time in which reports are acknowledged and answered",
    severity: "warn",
    options: () =>
      z
        .object({
          maxAcknowledgeDays: z
            .number()
            .positive()
            .describe("Longest acceptable time to acknowledge a report, in days (OpenSSF Best Practices: 14)"),
          allowDelegation: z
            .boolean()
            .describe("Accept a file that is only a pointer to the page holding the whole policy; the `strict` preset turns this off"),
        })
        .strict(),
    defaultOptions: { maxAcknowledgeDays: 14, allowDelegation: true },
    messages: {
      missing: "Missing response timeline, expected a concrete time such as `We acknowledge reports within 3 working days`",
      nearMiss:
        "Missing response timeline: `{text}` (line {line}) is {what}, expected a time in which reports are acknowledged, answered or assessed",
      conflict: "Unexpected {promise} time `{text}`, expected `{first}` as stated at line {line}",
      slow: "Unexpected {promise} time `{text}` ({days} days), expected at most {max}",
    },
  },
  check(policy, context) {
    const commitments = policy.commitments;
    if (commitments.length === 0 && context.options.allowDelegation && policy.pointer) return;
    // A response timeline is a time in which the reporter hears back: an acknowledgment, a first answer or
    // an assessment. A fix time, an update interval or a disclosure window alone says nothing of that.
    if (!commitments.some((d) => d.promise === "acknowledge" || d.promise === "respond" || d.promise === "assess")) {
      const section = policy.sections.find((s) => s.kind === "response-timeline") ?? policy.sections.find((s) => s.kind === "reporting");
      const range = section ? section.heading : policy.start;
      // Say what came close: the first time the policy does give, and what it promises instead.
      const near = commitments.find((d) => d.promise !== null);
      if (near && near.promise) {
        context.report({
          messageId: "nearMiss",
          data: { text: near.text, line: context.lineOf(near.range.start), what: NEAR_MISS[near.promise] },
          range,
        });
      } else context.report({ messageId: "missing", range });
      return;
    }
    const firstByPromise = new Map<PromiseKind, Duration>();
    for (const d of commitments) {
      if (!d.promise || d.tiered) continue;
      const first = firstByPromise.get(d.promise);
      if (!first) firstByPromise.set(d.promise, d);
      else if (!sameTime(first, d)) {
        context.report({
          messageId: "conflict",
          data: { promise: PROMISE_NAMES[d.promise], text: d.text, first: first.text, line: context.lineOf(first.range.start) },
          range: d.range,
        });
      }
    }
    const max = context.options.maxAcknowledgeDays;
    for (const d of commitments) {
      if ((d.promise === "acknowledge" || d.promise === "respond") && d.maxHours > max * 24) {
        context.report({
          messageId: "slow",
          data: { promise: PROMISE_NAMES[d.promise], text: d.text, days: days(d.maxHours), max: max === 1 ? "1 day" : `${max} days` },
          range: d.range,
        });
      }
    }
  },
});
