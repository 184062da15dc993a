/**
 * OpenSSF Security Insights (`SECURITY-INSIGHTS.yml`): the facts a policy also states, read from the
 * file as data and validated against the parts of the schema read here, for schema 1.x and 2.x. Pure:
 * the YAML parser is passed in (it loads only when a repository has the file), nothing is executed.
 *
 * Field names (ossf/security-insights-spec): 1.0.0 has `header.schema-version`, `header.last-reviewed`,
 * `header.expiration-date`, `security-contacts[]` (`type`, `value`) and `vulnerability-reporting`
 * (`accepts-vulnerability-reports`, `email-contact`, `security-policy`, `pgp-key`,
 * `bug-bounty-available`, `bug-bounty-url`). 2.x has `header.schema-version`, `header.last-reviewed`,
 * `project.vulnerability-reporting` (`reports-accepted`, `bug-bounty-available`, `bug-bounty-program`,
 * `contact.email`, `security-policy`, `pgp-key`) and `repository.documentation.security-policy`.
 */
import * as z from "zod";
import { once } from "../../once.js";

/**
 * What this module uses of the `yaml` package, written out here rather than imported from it, so the
 * published type declarations do not depend on a package the install does not have (the parser is bundled).
 */
interface YamlLineCounter {
  linePos(offset: number): { line: number; col: number };
}
interface YamlDocument {
  readonly errors: ReadonlyArray<Error & { linePos?: ReadonlyArray<{ line: number }>; pos: readonly [number, number] }>;
  readonly contents: unknown;
  toJS(options: { maxAliasCount: number }): unknown;
  getIn(path: Iterable<unknown>, keepScalar?: boolean): unknown;
}

/** The two parts of the `yaml` package this module uses, passed in by the caller. */
export interface YamlModule<C extends YamlLineCounter = YamlLineCounter> {
  parseDocument(
    source: string,
    options: { schema?: "core"; merge?: boolean; uniqueKeys?: boolean; prettyErrors?: boolean; lineCounter?: C },
  ): YamlDocument;
  LineCounter: new () => C;
}

/** A value of the file and the 1-based line it stands on. */
export interface InsightsValue<T> {
  value: T;
  line: number;
  /** The field's path as written in the file: `project.vulnerability-reporting.reports-accepted`. */
  field: string;
}

export interface SecurityInsights {
  schemaVersion: InsightsValue<string>;
  major: 1 | 2;
  lastReviewed: InsightsValue<string> | null;
  /** 1.x only: `header.expiration-date`. */
  expirationDate: InsightsValue<string> | null;
  /** Whether vulnerability reports are accepted; null when the file leaves it to another (2.x without `project`). */
  reportsAccepted: InsightsValue<boolean> | null;
  /** Security contact email addresses, lower-cased. */
  emails: Array<InsightsValue<string>>;
  /** Where the file says the security policy is. */
  policyUrls: Array<InsightsValue<string>>;
  pgpKey: InsightsValue<string> | null;
  bugBountyAvailable: InsightsValue<boolean> | null;
  bugBountyUrl: InsightsValue<string> | null;
}

/** Why a file could not be read as Security Insights: one problem, at a line. */
export interface InsightsProblem {
  kind: "yaml" | "missing" | "invalid" | "version";
  /** The field's path (`header.schema-version`), empty for the whole file. */
  field: string;
  /** What was expected there, or the YAML parser's message. */
  expected: string;
  line: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const URL = /^https?:\/\/\S+$/;

const date = (): z.ZodString => z.string({ error: "a date `YYYY-MM-DD`" }).regex(DATE, { error: "a date `YYYY-MM-DD`" });
const url = (): z.ZodString => z.string({ error: "an `https:` URL" }).regex(URL, { error: "an `https:` URL" });
const flag = (): z.ZodBoolean => z.boolean({ error: "`true` or `false`" });
const text = (): z.ZodString => z.string({ error: "a string" });
const mapping = <S extends z.ZodRawShape>(shape: S) => z.object(shape, { error: "a mapping" });

const schemaV1 = once(() =>
  mapping({
    header: mapping({ "last-reviewed": date().optional(), "expiration-date": text().optional() }),
    "security-contacts": z.array(
      mapping({ type: z.enum(["email", "phone", "url"], { error: "`email`, `phone` or `url`" }), value: text() }),
      { error: "a list" },
    ),
    "vulnerability-reporting": mapping({
      "accepts-vulnerability-reports": flag(),
      "email-contact": text().optional(),
      "security-policy": url().optional(),
      "pgp-key": text().optional(),
      "bug-bounty-available": flag().optional(),
      "bug-bounty-url": url().optional(),
    }),
  }),
);

const schemaV2 = once(() =>
  mapping({
    header: mapping({ "last-reviewed": date() }),
    project: mapping({
      "vulnerability-reporting": mapping({
        "reports-accepted": flag(),
        "bug-bounty-available": flag(),
        "bug-bounty-program": url().optional(),
        contact: mapping({ email: text().optional() }).optional(),
        "security-policy": url().optional(),
        "pgp-key": text().optional(),
      }),
    }).optional(),
    repository: mapping({ documentation: mapping({ "security-policy": url().optional() }).optional() }).optional(),
  }),
);

type V1 = z.output<ReturnType<typeof schemaV1>>;
type V2 = z.output<ReturnType<typeof schemaV2>>;
type Path = ReadonlyArray<string | number>;

interface Located {
  range?: [number, number, number] | null;
}

/** Parse and validate a Security Insights file: its facts, or the first reason it cannot be read. */
export function parseSecurityInsights<C extends YamlLineCounter>(source: string, yaml: YamlModule<C>): SecurityInsights | InsightsProblem {
  const lineCounter = new yaml.LineCounter();
  let doc: YamlDocument;
  try {
    doc = yaml.parseDocument(source.replace(/^\uFEFF/, ""), {
      schema: "core",
      merge: false,
      uniqueKeys: true,
      prettyErrors: false,
      lineCounter,
    });
  } catch (error) {
    return { kind: "yaml", field: "", expected: firstLine(error), line: 1 };
  }
  const error = doc.errors[0];
  if (error)
    return {
      kind: "yaml",
      field: "",
      expected: firstLine(error),
      line: error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line,
    };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { kind: "yaml", field: "", expected: firstLine(e), line: 1 };
  }
  /** The line of the node at `path`, or of the nearest node above it that exists. */
  const lineOf = (path: Path): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Located | null | undefined;
      const offset = node?.range?.[0];
      if (typeof offset === "number") return lineCounter.linePos(offset).line;
    }
    return 1;
  };
  const at = <T>(path: Path, value: T): InsightsValue<T> => ({ value, line: lineOf(path), field: fieldName(path) });

  const header = isRecord(data) && isRecord(data.header) ? data.header : null;
  const raw = header?.["schema-version"];
  if (raw === undefined || raw === null)
    return {
      kind: "missing",
      field: "header.schema-version",
      expected: "the schema version, `1.0.0` or `2.0.0`",
      line: lineOf(["header"]),
    };
  const version = String(raw);
  const major = /^([12])(?:\.|$)/.exec(version)?.[1];
  if (!major)
    return { kind: "version", field: "header.schema-version", expected: "`1.x.x` or `2.x.x`", line: lineOf(["header", "schema-version"]) };
  const checked = (major === "1" ? schemaV1() : schemaV2()).safeParse(data);
  if (!checked.success) {
    const issue = checked.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const missing = valueAt(data, path) === undefined;
    return { kind: missing ? "missing" : "invalid", field: fieldName(path), expected: issue.message, line: lineOf(path) };
  }
  const base = { schemaVersion: at(["header", "schema-version"], version) };
  return major === "1" ? fromV1(checked.data as V1, base.schemaVersion, at) : fromV2(checked.data as V2, base.schemaVersion, at);
}

type At = <T>(path: Path, value: T) => InsightsValue<T>;

function fromV1(d: V1, schemaVersion: InsightsValue<string>, at: At): SecurityInsights {
  const vr = d["vulnerability-reporting"];
  const p = (key: string): Path => ["vulnerability-reporting", key];
  const emails: Array<InsightsValue<string>> = [];
  d["security-contacts"].forEach((c, i) => {
    if (c.type === "email") emails.push(at(["security-contacts", i, "value"], email(c.value)));
  });
  if (vr["email-contact"] !== undefined) emails.push(at(p("email-contact"), email(vr["email-contact"])));
  return {
    schemaVersion,
    major: 1,
    lastReviewed: d.header["last-reviewed"] !== undefined ? at(["header", "last-reviewed"], d.header["last-reviewed"]) : null,
    expirationDate: d.header["expiration-date"] !== undefined ? at(["header", "expiration-date"], d.header["expiration-date"]) : null,
    reportsAccepted: at(p("accepts-vulnerability-reports"), vr["accepts-vulnerability-reports"]),
    emails,
    policyUrls: vr["security-policy"] !== undefined ? [at(p("security-policy"), vr["security-policy"])] : [],
    pgpKey: vr["pgp-key"] !== undefined ? at(p("pgp-key"), vr["pgp-key"]) : null,
    bugBountyAvailable: vr["bug-bounty-available"] !== undefined ? at(p("bug-bounty-available"), vr["bug-bounty-available"]) : null,
    bugBountyUrl: vr["bug-bounty-url"] !== undefined ? at(p("bug-bounty-url"), vr["bug-bounty-url"]) : null,
  };
}

function fromV2(d: V2, schemaVersion: InsightsValue<string>, at: At): SecurityInsights {
  const vr = d.project?.["vulnerability-reporting"];
  const p = (...keys: string[]): Path => ["project", "vulnerability-reporting", ...keys];
  const policyUrls: Array<InsightsValue<string>> = [];
  if (vr?.["security-policy"] !== undefined) policyUrls.push(at(p("security-policy"), vr["security-policy"]));
  const repositoryPolicy = d.repository?.documentation?.["security-policy"];
  if (repositoryPolicy !== undefined) policyUrls.push(at(["repository", "documentation", "security-policy"], repositoryPolicy));
  const contact = vr?.contact?.email;
  return {
    schemaVersion,
    major: 2,
    lastReviewed: at(["header", "last-reviewed"], d.header["last-reviewed"]),
    expirationDate: null,
    reportsAccepted: vr ? at(p("reports-accepted"), vr["reports-accepted"]) : null,
    emails: contact !== undefined ? [at(p("contact", "email"), email(contact))] : [],
    policyUrls,
    pgpKey: vr?.["pgp-key"] !== undefined ? at(p("pgp-key"), vr["pgp-key"]) : null,
    bugBountyAvailable: vr ? at(p("bug-bounty-available"), vr["bug-bounty-available"]) : null,
    bugBountyUrl: vr?.["bug-bounty-program"] !== undefined ? at(p("bug-bounty-program"), vr["bug-bounty-program"]) : null,
  };
}

/** An address as compared: `mailto:` dropped, lower-cased, trimmed. */
function email(value: string): string {
  return value
    .trim()
    .replace(/^mailto:/i, "")
    .toLowerCase();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const key of path) {
    if (typeof key === "number" ? !Array.isArray(node) : !isRecord(node)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** A path as written in messages: `security-contacts[0].value`. */
function fieldName(path: Path): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "").trim();
}

/** Whether `value` is a Security Insights problem rather than its facts. */
export function isInsightsProblem(value: SecurityInsights | InsightsProblem): value is InsightsProblem {
  return "kind" in value;
}
