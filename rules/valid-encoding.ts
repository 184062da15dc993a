import { defineRule } from "../src/engine/rule.js";

/** How many stray control characters are reported one by one before the rest are summed up. */
const MAX_CONTROL_REPORTS = 10;

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

export default defineRule({
  meta: {
    id: "valid-encoding",
    description: "Require a policy encoded as UTF-8 text without invalid bytes or stray control characters",
    severity: "error",
    messages: {
      invalidUtf8:
        "Unexpected invalid UTF-8 at byte offset {byteOffset}{more}, expected a UTF-8 encoded file (the bytes are shown as U+FFFD)",
      utf16WithoutBom:
        "Unexpected {encoding} text without a byte order mark, expected UTF-8 (or UTF-16 that starts with a byte order mark)",
      control: "Unexpected control character {code}, expected printable text, tabs and line breaks only",
      moreControls: "Unexpected {count} more control characters, expected printable text, tabs and line breaks only",
    },
  },
  check(policy, context) {
    const { decoded, controls } = policy.encoding;
    if (decoded?.utf16WithoutBom) {
      context.report({ messageId: "utf16WithoutBom", data: { encoding: decoded.encoding.toUpperCase() }, range: { start: 0, end: 0 } });
    }
    const first = decoded?.invalidUtf8[0];
    if (decoded && first) {
      const rest = decoded.invalidUtf8.length - 1;
      const more = rest > 0 ? ` and ${rest} more invalid sequence${rest === 1 ? "" : "s"}` : "";
      context.report({
        messageId: "invalidUtf8",
        data: { byteOffset: first.byteOffset, more },
        range: { start: first.offset, end: first.offset + 1 },
      });
    }
    for (const c of controls.slice(0, MAX_CONTROL_REPORTS)) {
      context.report({ messageId: "control", data: { code: `\`${codePoint(c.code)}\`` }, range: { start: c.offset, end: c.offset + 1 } });
    }
    const extra = controls.length - MAX_CONTROL_REPORTS;
    const next = controls[MAX_CONTROL_REPORTS];
    if (extra > 0 && next) {
      context.report({ messageId: "moreControls", data: { count: extra }, range: { start: next.offset, end: next.offset + 1 } });
    }
  },
});
