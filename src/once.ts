/**
 * A value built on first use and kept. Start-up should not pay for what most runs never use: zod schemas
 * (built only to validate a configuration that sets something) and Unicode-property regular expressions
 * (each costs a fraction of a millisecond to build).
 */
export function once<T extends object>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}
