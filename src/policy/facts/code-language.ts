/**
 * What a code block's content is, told by parsing it: JSON with JSON.parse, YAML with the yaml parser,
 * TOML/INI and shell by their line shapes. Only the languages policies use are known; anything else is
 * `null` and left alone.
 */
/** A YAML parser (the `yaml` package's `parse`), passed in so the parser loads only when a fence needs it. */
export type YamlParse = (text: string) => unknown;

export type DataLanguage = "json" | "yaml" | "toml" | "ini" | "shell";

/** The canonical language an info string names, among those this module knows, or null. */
export function normalizeLanguage(lang: string | null): DataLanguage | "other" | null {
  if (!lang) return null;
  const l = lang.toLowerCase().split(/[\s{,]/)[0] ?? "";
  if (l === "json" || l === "jsonc" || l === "json5") return "json";
  if (l === "yaml" || l === "yml") return "yaml";
  if (l === "toml") return "toml";
  if (l === "ini" || l === "cfg" || l === "dosini" || l === "properties" || l === "conf") return "ini";
  if (
    [
      "sh",
      "bash",
      "shell",
      "zsh",
      "console",
      "shellsession",
      "shell-session",
      "terminal",
      "fish",
      "powershell",
      "ps1",
      "bat",
      "cmd",
    ].includes(l)
  )
    return "shell";
  if (
    [
      "",
      "text",
      "txt",
      "plain",
      "plaintext",
      "none",
      "diff",
      "markdown",
      "md",
      "mermaid",
      "http",
      "email",
      "eml",
      "asc",
      "pgp",
      "gpg",
    ].includes(l)
  )
    return null;
  return "other";
}

const COMMENT = /^\s*(?:#|;|\/\/)/;

function contentLines(value: string): string[] {
  return value.split(/\r\n|\r|\n/).filter((l) => l.trim() !== "" && !COMMENT.test(l));
}

function isJson(value: string): boolean {
  const t = value.trim();
  if (!/^[[{]/.test(t)) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/** A YAML mapping or sequence written as such: every line is `key: value`, `key:` or `- item`, and it parses. */
function isYaml(value: string, parseYaml: YamlParse): boolean {
  const lines = contentLines(value);
  if (lines.length < 2) return false;
  const shaped = lines.every((l) => /^\s*(?:- +)?[A-Za-z_][\w.-]*:(?:\s.*)?$|^\s*- +\S.*$|^\s*[\]}],?$|^\s+\S/.test(l));
  const keyed = lines.filter((l) => /^\s*(?:- +)?[A-Za-z_][\w.-]*:(?:\s|$)/.test(l)).length;
  if (!shaped || keyed < 2 || !/^[A-Za-z_-]/.test(lines[0]?.trimStart() ?? "")) return false;
  try {
    const doc: unknown = parseYaml(value);
    return typeof doc === "object" && doc !== null;
  } catch {
    return false;
  }
}

/** TOML or INI: `[section]` headers and `key = value` lines only, with at least one of each kind or two assignments. */
function tableLanguage(value: string): "toml" | "ini" | null {
  const lines = contentLines(value);
  if (lines.length < 2) return null;
  let sections = 0;
  let assigns = 0;
  let quoted = 0;
  for (const l of lines) {
    const t = l.trim();
    if (/^\[\[?[\w.\-" ]+\]\]?$/.test(t)) sections++;
    else if (/^[\w.\-"]+\s*=\s*\S/.test(t)) {
      assigns++;
      if (/=\s*(?:"|'|\[|\{|true$|false$|-?\d[\d_.]*$)/.test(t)) quoted++;
    } else return null;
  }
  if (assigns === 0 || (sections === 0 && assigns < 2)) return null;
  return quoted === assigns ? "toml" : "ini";
}

const COMMANDS =
  /^(?:\$ |> )?(?:sudo |npx |npm |pnpm |yarn |pip3? |pipx |python3? |node |cargo |go |git |gpg |curl |wget |docker |kubectl |brew |apt(?:-get)? |make |cd |export |echo |chmod |ls |cat |rm |mkdir |bundle |gem |composer |dotnet |mvn |gradle |poetry |uv |deno |bun |rustup |cosign |gh |sha256sum |sha512sum |shasum |openssl |ssh-keygen |minisign |signify |tar |unzip |systemctl |pwsh |winget |choco |snap |flatpak )/;

function isShell(value: string): boolean {
  const lines = contentLines(value);
  if (lines.length === 0) return false;
  return lines.every((l) => COMMANDS.test(l.trim()) || /^\s/.test(l) || /\\$/.test(l.trim()));
}

/** The data language a code block's content clearly is, or null when it cannot be told. */
export function detectLanguage(value: string, parseYaml: YamlParse): DataLanguage | null {
  if (isJson(value)) return "json";
  if (isYaml(value, parseYaml)) return "yaml";
  const table = tableLanguage(value);
  if (table) return table;
  if (isShell(value)) return "shell";
  return null;
}

/** Whether content written in `actual` is fairly labelled `labelled` (JSON is YAML; TOML and INI overlap). */
export function compatible(labelled: DataLanguage, actual: DataLanguage): boolean {
  if (labelled === actual) return true;
  if (labelled === "yaml" && actual === "json") return true;
  if ((labelled === "toml" || labelled === "ini") && (actual === "toml" || actual === "ini")) return true;
  return false;
}
