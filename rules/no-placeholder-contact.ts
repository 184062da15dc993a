import * as z from "zod";
import { defineRule } from "../src/engine/rule.js";

export default defineRule({
  meta: {
    id: "no-placeholder-contact",
    description: "Disallow contact addresses on reserved or template domains and stand-ins such as `[email]`",
    severity: "error",
    options: () =>
      z
        .object({
          allowDomains: z
            .array(z.string())
            .describe("Domains to accept even though they look like placeholders, e.g. a company that really owns `company.com`"),
        })
        .strict(),
    defaultOptions: { allowDomains: [] },
    messages: {
      email: "Unexpected placeholder address `{value}` ({reason}), expected the project's real security contact",
      url: "Unexpected placeholder URL `{value}` ({reason}), expected the project's real address",
      standIn: "Unexpected stand-in `{value}` where an address belongs, expected the project's real security contact",
    },
  },
  check(policy, context) {
    const allowed = context.options.allowDomains.map((d) => d.toLowerCase());
    const isAllowed = (value: string): boolean => {
      const host = (
        value.includes("@") ? value.slice(value.lastIndexOf("@") + 1) : value.replace(/^[a-z]+:\/\/|\/[\s\S]*$/gi, "")
      ).toLowerCase();
      return allowed.some((d) => host === d || host.endsWith(`.${d}`));
    };
    for (const contact of policy.contacts) {
      // RFC 2606 reserves example.com for examples: in a sample report or notice it is the right address.
      if (!contact.placeholder || contact.role === "example" || isAllowed(contact.value)) continue;
      context.report({
        messageId: contact.kind === "email" ? "email" : "url",
        data: { value: contact.value, reason: contact.placeholder },
        range: contact.range,
      });
    }
    for (const standIn of policy.standIns) {
      context.report({ messageId: "standIn", data: { value: standIn.text }, range: standIn.range });
    }
  },
});
