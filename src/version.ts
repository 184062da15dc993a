/** The linter's version, set from package.json at build time. */
declare const __SECPOLICY_LINT_VERSION__: string | undefined;
export const VERSION: string = typeof __SECPOLICY_LINT_VERSION__ === "string" ? __SECPOLICY_LINT_VERSION__ : "0.0.0-dev";
