// An esbuild plugin, used by every build of the linter (scripts/build.mjs), that loads some packages on
// their first use instead of when the program starts.
//
// An import of a listed package from the project's own code gets a module of forwarding functions, one
// per name listed, that `require` the package the first time one of them is called: esbuild bundles that
// `require` as a module initialised on first call, the package's own imports with it. What they require is
// a second module that re-exports the listed names from the package, so the bundler still leaves out what
// nothing uses (zod's locales, for one); a `require` of the package itself would keep all of it. A name the
// code uses that is not listed is an `import-is-undefined` problem, which the build makes an error, so a
// list cannot fall behind the code silently. Only functions can be forwarded: values, and classes used as
// values (`instanceof`), cannot. tests/lazy-modules.test.ts checks the plugin on a package of its own, and
// tests/startup.test.ts that a plain run of the CLI never initialises zod.

/**
 * The packages loaded on first use, with the names the code calls. zod validates a configuration file and
 * rule options someone set (a plain run builds no schema: tests/startup.test.ts); it is imported as a
 * namespace and used for its classes only as types. semver compares a policy's version table with the
 * versions of a repository's manifests. Initialising the two at start-up cost a one-file run about 9 and
 * 6 ms (docs/performance.md, "Start-up"). jsonc-parser reads JSON configuration files (its module builds
 * 1,200 strings of indentation when it loads), smol-toml reads TOML manifests, and tinyglobby (with
 * picomatch and fdir) expands glob patterns.
 */
export const LAZY_MODULES = {
  zod: ["array", "boolean", "date", "enum", "literal", "number", "object", "record", "string", "union", "unknown"],
  semver: ["coerce", "gt", "parse", "prerelease", "satisfies", "valid", "validRange"],
  "jsonc-parser": ["parseTree", "printParseErrorCode"],
  "smol-toml": ["parse"],
  tinyglobby: ["globSync"],
};

const NAMESPACE = "lazy-module";
const NAMES = "lazy-module-names:";

/** The plugin, for packages named in `table` (package name → the functions the code calls). */
export function lazyModules(table) {
  const packages = Object.keys(table);
  return {
    name: "lazy-modules",
    setup(b) {
      const filter = new RegExp(`^(?:${packages.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})$`);
      // The project's imports of a listed package, not the package's own or those of other packages.
      b.onResolve({ filter }, (args) =>
        args.namespace === NAMESPACE || /[\\/]node_modules[\\/]/.test(args.importer)
          ? undefined
          : { path: args.path, namespace: NAMESPACE, pluginData: { resolveDir: args.resolveDir } },
      );
      b.onResolve({ filter: new RegExp(`^${NAMES}`) }, (args) => ({
        path: args.path,
        namespace: NAMESPACE,
        pluginData: { resolveDir: args.resolveDir },
      }));
      b.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const { resolveDir } = args.pluginData;
        if (args.path.startsWith(NAMES)) {
          const name = args.path.slice(NAMES.length);
          return { contents: `export { ${table[name].join(", ")} } from ${JSON.stringify(name)};\n`, loader: "js", resolveDir };
        }
        const names = table[args.path];
        const lines = [
          `// ${args.path}, loaded on first use (scripts/lazy-modules.mjs).`,
          "let loaded;",
          `function load() {\n  return (loaded ??= require(${JSON.stringify(NAMES + args.path)}));\n}`,
          ...names.map((name) => `function ${name}_(...args) {\n  return load()[${JSON.stringify(name)}](...args);\n}`),
          `export { ${names.map((name) => `${name}_ as ${name}`).join(", ")} };`,
          `export default { ${names.map((name) => `${name}: ${name}_`).join(", ")} };`,
        ];
        return { contents: `${lines.join("\n")}\n`, loader: "js", resolveDir };
      });
    },
  };
}
