/**
 * The YAML parser, imported only through `await import("…/yaml.js")` (the model's `yamlParser()` and `readSecurityInsights()`, and the configuration reader) so it loads when a YAML
 * configuration file exists or a code fence is checked. The static re-export matters: esbuild's code splitting gives a directly
 * `import()`-ed CommonJS package (yaml's Node build) only a default export, this module the named one.
 */
export { LineCounter, parse, parseDocument } from "yaml";
