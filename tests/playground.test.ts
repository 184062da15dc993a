/**
 * The browser playground in a real Chromium (Debian's, driven by puppeteer-core; no browser is
 * downloaded): the page is built, opened from disk, and each policy pasted into it must show the findings
 * the CLI reports for the same text in a file, the fix preview must be the CLI's `--format diff`, and the
 * page must request nothing but its own files. Without Chromium the suite skips, except under CI, which
 * installs it (.ci/run) and so must run it. Screenshots go to test-output/playground/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli } from "./cli-run.js";
import { FIXTURES, filesUnder, ROOT, SHARED } from "./helpers.js";

const CHROME = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(
  (p): p is string => !!p && existsSync(p),
);
const DIST = path.join(ROOT, "playground", "dist");
const SHOTS = path.join(ROOT, "test-output", "playground");
/** The date the CLI runs with (SECPOLICY_LINT_NOW) and the page is given (`?now=`). */
const NOW = "2026-12-02T00:00:00Z";
const PAGE = `${pathToFileURL(path.join(DIST, "index.html")).href}?now=${encodeURIComponent(NOW)}`;

const seeds = filesUnder(path.join(SHARED, "seeds"), ".md");
/** The project's own fixtures: a fixable one, a key block (openpgp in the page), placeholders, dates, a template. */
const fixtures: Array<{ file: string; preset: string }> = [
  { file: "no-mojibake/invalid/windows-1252.md", preset: "recommended" },
  { file: "valid-pgp-key/invalid/expired-key.md", preset: "recommended" },
  { file: "no-placeholder-contact/invalid/provide-here-note.md", preset: "strict" },
  { file: "no-stale-date/invalid/stale-written-out.md", preset: "recommended" },
  { file: "require-supported-versions/invalid/github-template-rows.md", preset: "openssf" },
];

interface Shown {
  ruleId: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

if (!CHROME && process.env.CI) {
  test("Chromium is installed (.ci/run installs Debian's chromium)", () => {
    throw new Error("no Chromium found at $CHROME_PATH or /usr/bin/chromium: CI must run the playground test");
  });
}

describe.skipIf(!CHROME)("playground in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let profile: string;
  let work: string;
  const requests: string[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-playground.mjs")], { cwd: ROOT, stdio: "pipe" });
    mkdirSync(SHOTS, { recursive: true });
    profile = mkdtempSync(path.join(tmpdir(), "secpolicy-chromium-"));
    work = mkdtempSync(path.join(tmpdir(), "secpolicy-playground-"));
    browser = await puppeteer.launch({
      executablePath: CHROME,
      headless: true,
      userDataDir: profile,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await open(browser, requests);
  });

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("the page loads from disk with the linter, and requests nothing but its own files", async () => {
    expect(await page.title()).toBe("secpolicy-lint playground");
    expect(await page.$$eval("#preset option", (o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual([
      "recommended",
      "strict",
      "off",
      "github",
      "openssf",
      "disclose-io",
    ]);
    // The sample text shows findings at once.
    expect((await shown(page)).length).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, "sample-light.png") });
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    await page.screenshot({ path: path.join(SHOTS, "sample-dark.png") });
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
  });

  const cases = [
    ...fixtures.map((f) => ({ name: `fixtures/${f.file}`, file: path.join(FIXTURES, f.file), preset: f.preset })),
    ...seeds.map((file) => ({ name: `seed ${path.basename(file)}`, file, preset: "recommended" })),
  ];
  test.each(cases)("$name ($preset): the findings shown are the CLI's, and so is the fix", async ({ name, file, preset }) => {
    await choosePreset(page, preset);
    await paste(page, readFileSync(file, "utf8"));
    // The text as the page holds it (a textarea turns CRLF into LF) is the text the CLI is given.
    const text = await page.$eval("#text", (t) => (t as HTMLTextAreaElement).value);
    const cli = lintWithCli(work, text, preset);
    const findings = await shown(page);
    expect(findings).toEqual(cli.findings);
    // Each finding is shown with its message (code spans are text), its position and its rule's page.
    const rendered = await page.$$eval("#findings li", (items) =>
      items.map((li) => ({
        // Quoted values are shown as code: put their backticks back to compare with the message.
        message: [...(li.querySelector(".message")?.childNodes ?? [])]
          .map((n) => (n.nodeName === "CODE" ? `\`${n.textContent}\`` : n.textContent))
          .join(""),
        where: li.querySelector(".where")?.textContent,
        href: (li.querySelector("a.rule") as HTMLAnchorElement | null)?.href,
      })),
    );
    expect(rendered).toEqual(cli.findings.map((f, i) => ({ message: f.message, where: `${f.line}:${f.column}`, href: cli.docsUrls[i] })));

    // The fix preview is `--fix-dry-run --format diff`; applying it leaves what `--fix-dry-run` leaves.
    await openFixPreview(page);
    const diff = await page.$eval("#diff", (d) => d.textContent ?? "");
    if (cli.diff === "") {
      expect(await page.$eval("#fix-apply", (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    } else {
      expect(diff).toBe(cli.diff);
      await after(page, () => page.click("#fix-apply"));
      expect(await page.$eval("#text", (t) => (t as HTMLTextAreaElement).value)).toBe(cli.fixed);
      expect(await shown(page)).toEqual(cli.remaining);
    }
    await closeFixPreview(page);
    if (name.endsWith("windows-1252.md") || name === `seed ${path.basename(seeds[0] ?? "")}`)
      await page.screenshot({ path: path.join(SHOTS, `${name.replace(/[^a-z0-9.-]+/gi, "_")}.png`) });
  });

  test("clicking a finding selects its range in the editor, and the highlight stays on that text while scrolling", async () => {
    const long = `# Security Policy\n\n${Array.from({ length: 80 }, (_, i) => `Line ${i + 1} of a long policy.`).join("\n")}\n\nWrite to security@your-domain.com about problems.\n`;
    await choosePreset(page, "recommended");
    await paste(page, long);
    const target = (await shown(page)).find((f) => f.ruleId === "no-placeholder-contact");
    expect(target).toBeDefined();
    const f = target as Shown;
    await page.click(`#findings li[data-rule-id="no-placeholder-contact"]`);
    const selection = await page.$eval("#text", (t) => [
      (t as HTMLTextAreaElement).selectionStart,
      (t as HTMLTextAreaElement).selectionEnd,
    ]);
    expect(selection).toEqual([offsetOf(long, f.line, f.column), offsetOf(long, f.endLine, f.endColumn)]);
    expect(long.slice(selection[0], selection[1])).toBe("security@your-domain.com");
    // The finding is far down: the editor scrolled, and its mark sits on its line, under its text.
    const geometry = () =>
      page.evaluate(() => {
        const t = document.getElementById("text") as HTMLTextAreaElement;
        const style = getComputedStyle(t);
        const marks = [...document.querySelectorAll<HTMLElement>("#highlights mark")].filter(
          (m) => m.textContent === "security@your-domain.com",
        );
        const m = marks[0]?.getBoundingClientRect();
        const box = t.getBoundingClientRect();
        const gutter = [...document.querySelectorAll<HTMLElement>("#gutter-lines div")];
        return {
          scrollTop: t.scrollTop,
          markMiddle: m ? (m.top + m.bottom) / 2 : NaN,
          markLeft: m?.left ?? NaN,
          top: box.top + parseFloat(style.paddingTop) - t.scrollTop,
          left: box.left + parseFloat(style.paddingLeft) - t.scrollLeft,
          lineHeight: parseFloat(style.lineHeight),
          charWidth: (() => {
            const c = document.createElement("canvas").getContext("2d") as CanvasRenderingContext2D;
            c.font = style.font;
            return c.measureText("x").width;
          })(),
          gutterTops: gutter.map((g) => g.getBoundingClientRect().top),
        };
      });
    let g = await geometry();
    expect(g.scrollTop).toBeGreaterThan(0);
    // The mark's middle is the middle of its line, its left edge the column's, and the line number beside it.
    expect(Math.abs(g.markMiddle - (g.top + (f.line - 0.5) * g.lineHeight))).toBeLessThan(1.5);
    expect(Math.abs(g.markLeft - (g.left + (f.column - 1) * g.charWidth))).toBeLessThan(1.5);
    expect(Math.abs((g.gutterTops[f.line - 1] as number) - (g.top + (f.line - 1) * g.lineHeight))).toBeLessThan(1.5);
    await page.$eval("#text", (t) => {
      t.scrollTop = 23;
      t.dispatchEvent(new Event("scroll"));
    });
    g = await geometry();
    expect(g.scrollTop).toBe(23);
    expect(Math.abs(g.markMiddle - (g.top + (f.line - 0.5) * g.lineHeight))).toBeLessThan(1.5);
    expect(Math.abs((g.gutterTops[f.line - 1] as number) - (g.top + (f.line - 1) * g.lineHeight))).toBeLessThan(1.5);
  });

  test("the text and preset travel in the URL fragment and come back on load; typing lints again", async () => {
    const policy = "# Security Policy\n\nReport vulnerabilities to security@your-domain.com, please.\n";
    await choosePreset(page, "strict");
    await paste(page, policy);
    const before = await shown(page);
    const url = await page.evaluate(() => location.href);
    expect(url.startsWith(PAGE.split("?")[0] as string)).toBe(true);
    expect(new URL(url).hash).toMatch(/^#preset=strict&(?:z|text)=[A-Za-z0-9_-]+$/);
    const second = await open(browser, requests, url);
    expect(await second.$eval("#text", (t) => (t as HTMLTextAreaElement).value)).toBe(policy);
    expect(await second.$eval("#preset", (s) => (s as HTMLSelectElement).value)).toBe("strict");
    expect(await shown(second)).toEqual(before);
    // Typed with the keyboard: the placeholder becomes a real address, and its findings go.
    await second.click("#text");
    await second.$eval("#text", (t) => {
      const area = t as HTMLTextAreaElement;
      const at = area.value.indexOf("security@your-domain.com");
      area.setSelectionRange(at, at + "security@your-domain.com".length);
    });
    await after(second, () => second.keyboard.type("security@acme.dev"));
    expect(await second.$eval("#text", (t) => (t as HTMLTextAreaElement).value)).toBe(
      policy.replace("security@your-domain.com", "security@acme.dev"),
    );
    const typed = await shown(second);
    expect(typed.some((f) => f.ruleId === "no-placeholder-contact")).toBe(false);
    expect(typed).toEqual(lintWithCli(work, policy.replace("security@your-domain.com", "security@acme.dev"), "strict").findings);
    await second.close();
  });

  test("a text with markup in it is shown as text", async () => {
    await choosePreset(page, "recommended");
    await paste(page, "# Security <img src=x onerror=alert(1)>\n\nMail `<b>me</b>` at security@your-domain.com.\n");
    expect(await page.$$eval("#findings img, #findings b, #highlights img, #highlights b, #diff img", (e) => e.length)).toBe(0);
  });

  test("the fix preview of the sample, as a screenshot", async () => {
    const fresh = await open(browser, requests);
    await openFixPreview(fresh);
    expect(await fresh.$eval("#diff", (d) => d.textContent ?? "")).toMatch(/^--- a\/SECURITY\.md\n\+\+\+ b\/SECURITY\.md\n@@ /);
    await fresh.screenshot({ path: path.join(SHOTS, "fix-preview-light.png") });
    await fresh.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    await fresh.screenshot({ path: path.join(SHOTS, "fix-preview-dark.png") });
    // Applying goes through the editing commands: Undo brings the text back.
    const original = await fresh.$eval("#text", (t) => (t as HTMLTextAreaElement).value);
    await after(fresh, () => fresh.click("#fix-apply"));
    expect(await fresh.$eval("#text", (t) => (t as HTMLTextAreaElement).value)).not.toBe(original);
    await after(fresh, async () => {
      await fresh.keyboard.down("Control");
      await fresh.keyboard.press("z");
      await fresh.keyboard.up("Control");
    });
    expect(await fresh.$eval("#text", (t) => (t as HTMLTextAreaElement).value)).toBe(original);
    await fresh.close();
  });

  // Last: every page the suite opened, with every text pasted, fixed and shared, fetched only its own files
  // and logged no error (such as a connection the page's Content-Security-Policy refused).
  test("every request was a file of the build folder", () => {
    const folder = pathToFileURL(DIST).href;
    expect(requests.filter((u) => !u.startsWith(`${folder}/`))).toEqual([]);
    expect(requests.length).toBeGreaterThanOrEqual(3);
  });
});

async function open(browser: Browser, requests: string[], url = PAGE): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1360, height: 820 });
  page.on("request", (r) => void requests.push(r.url()));
  // A request the Content-Security-Policy refuses never becomes one: Chromium logs it as an error instead.
  page.on("console", (m) => void (m.type() === "error" && requests.push(`console error: ${m.text()}`)));
  const errors: string[] = [];
  page.on("pageerror", (e) => void errors.push(String(e)));
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => document.body.dataset.state === "ready", { timeout: 30_000 });
  expect(errors).toEqual([]);
  return page;
}

/** Run an action and wait until the page has linted again. */
async function after(page: Page, action: () => Promise<unknown>): Promise<void> {
  const generation = await page.$eval("body", (b) => Number((b as HTMLElement).dataset.generation ?? 0));
  await action();
  await page.waitForFunction(
    (g: number) => document.body.dataset.state === "ready" && Number(document.body.dataset.generation) > g,
    { timeout: 30_000 },
    generation,
  );
}

async function paste(page: Page, text: string): Promise<void> {
  await after(page, () =>
    page.$eval(
      "#text",
      (t, value) => {
        (t as HTMLTextAreaElement).value = value;
        t.dispatchEvent(new Event("input", { bubbles: true }));
      },
      text,
    ),
  );
}

async function choosePreset(page: Page, preset: string): Promise<void> {
  if ((await page.$eval("#preset", (s) => (s as HTMLSelectElement).value)) === preset) return;
  await after(page, () => page.select("#preset", preset));
}

async function openFixPreview(page: Page): Promise<void> {
  if (!(await page.$eval("#fix-panel", (p) => (p as HTMLElement).hidden))) return;
  await page.click("#fix-toggle");
  await page.waitForFunction(
    () => document.body.dataset.state === "ready" && !(document.getElementById("fix-panel") as HTMLElement).hidden,
  );
}

async function closeFixPreview(page: Page): Promise<void> {
  if (!(await page.$eval("#fix-panel", (p) => (p as HTMLElement).hidden))) await page.click("#fix-toggle");
}

/** The findings the page shows, from their data attributes. */
function shown(page: Page): Promise<Shown[]> {
  return page.$$eval("#findings li", (items) =>
    items.map((li) => {
      const d = (li as HTMLElement).dataset;
      return {
        ruleId: d.ruleId ?? "",
        severity: d.severity ?? "",
        line: Number(d.line),
        column: Number(d.column),
        endLine: Number(d.endLine),
        endColumn: Number(d.endColumn),
        message: d.message ?? "",
      };
    }),
  );
}

interface JsonMessage {
  ruleId: string;
  severity: 1 | 2;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  docsUrl: string;
}

const toShown = (m: JsonMessage): Shown => ({
  ruleId: m.ruleId,
  severity: m.severity === 2 ? "error" : "warn",
  line: m.line,
  column: m.column,
  endLine: m.endLine,
  endColumn: m.endColumn,
  message: m.message,
});

/**
 * The CLI on the same text as a file alone in an empty folder (no repository around it), with a
 * configuration that only extends the preset: its findings, their rule pages, the `--fix-dry-run` diff
 * (`--format diff`) and what `--fix-dry-run` leaves.
 */
function lintWithCli(
  work: string,
  text: string,
  preset: string,
): { findings: Shown[]; docsUrls: string[]; diff: string; fixed: string; remaining: Shown[] } {
  const folder = mkdtempSync(path.join(work, "case-"));
  const config = path.join(work, `${path.basename(folder)}.json`);
  writeFileSync(path.join(folder, "SECURITY.md"), text);
  writeFileSync(config, JSON.stringify({ extends: preset }));
  const env = { SECPOLICY_LINT_NOW: NOW };
  const json = runCli(["--format", "json", "-c", config, "SECURITY.md"], { cwd: folder, env });
  expect(json.code, json.stderr).not.toBe(2);
  const [result] = JSON.parse(json.stdout) as Array<{ messages: JsonMessage[] }>;
  const messages = (result as { messages: JsonMessage[] }).messages;
  // One --fix-dry-run run: what remains as JSON, and the diff (`--format diff`) written beside it.
  const diffFile = `${folder}.diff`;
  const fixed = runCli(["--fix-dry-run", "--format", "json", "--output", `diff=${diffFile}`, "-c", config, "SECURITY.md"], {
    cwd: folder,
    env,
  });
  expect(fixed.code, fixed.stderr).not.toBe(2);
  const [after] = JSON.parse(fixed.stdout) as Array<{ messages: JsonMessage[]; output?: string }>;
  return {
    findings: messages.map(toShown),
    docsUrls: messages.map((m) => m.docsUrl),
    diff: readFileSync(diffFile, "utf8"),
    fixed: after?.output ?? text,
    remaining: (after?.messages ?? []).map(toShown),
  };
}

/** The offset of a 1-based line and column in a text. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf("\n", offset) + 1;
  return offset + column - 1;
}
