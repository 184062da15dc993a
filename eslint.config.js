// ESLint for secpolicy-lint's own code (not for the policies it lints).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "coverage/", "node_modules/", "fixtures/", "playground/dist/", "test-output/", "schema/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        URL: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        TextDecoder: "readonly",
        TextEncoder: "readonly",
        structuredClone: "readonly",
        performance: "readonly",
        globalThis: "readonly",
      },
    },
    rules: {
      // The code base imports types with `import type` (verbatimModuleSyntax); `import("…").T` in a type
      // position stays allowed for the few lazily loaded modules.
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests match terminal escape sequences on purpose.
    files: ["tests/**"],
    rules: { "no-control-regex": "off" },
  },
);
