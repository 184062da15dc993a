/**
 * The playground page: an editor on the left with the findings' ranges highlighted, the findings on the
 * right, a preset picker, the `--fix` result as a diff, and sharing through the URL fragment. Everything
 * runs here; nothing is fetched or sent. Text from the policy reaches the page only as text nodes
 * (textContent), never as markup.
 */
import {
  type Finding,
  fixPolicy,
  lintPolicy,
  PRESET_NAMES,
  type PresetName,
  presets,
  REPOSITORY_RULES,
  unifiedDiff,
} from "../src/browser.js";

const FILE_NAME = "SECURITY.md";
const LINT_DELAY_MS = 120;

const $ = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
};

const text = $<HTMLTextAreaElement>("text");
const highlights = $("highlights");
const gutterLines = $("gutter-lines");
const findingsList = $<HTMLOListElement>("findings");
const summary = $("summary");
const clean = $("clean");
const refused = $("refused");
const presetSelect = $<HTMLSelectElement>("preset");
const fixToggle = $<HTMLButtonElement>("fix-toggle");
const fixPanel = $("fix-panel");
const fixSummary = $("fix-summary");
const fixApply = $<HTMLButtonElement>("fix-apply");
const diffView = $("diff");
const shareButton = $<HTMLButtonElement>("share");
const shareNote = $("share-note");
const cursor = $("cursor");
const presetAbout = $("preset-about");
const presetDescriptions = new Map<string, string>();

/**
 * The clock date rules compare with. `?now=2026-12-02T00:00:00Z` fixes it (for tests, as
 * SECPOLICY_LINT_NOW does for the CLI); otherwise it is the page's own clock.
 */
function now(): Date {
  const fixed = new URLSearchParams(location.search).get("now");
  if (fixed) {
    const d = new Date(fixed);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return new Date();
}

function currentPreset(): PresetName {
  const value = presetSelect.value;
  return (PRESET_NAMES as readonly string[]).includes(value) ? (value as PresetName) : "recommended";
}

/** An element with text content only. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, content?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (content !== undefined) e.textContent = content;
  return e;
}

/** A message with its `quoted values` shown as code, all as text nodes. */
function messageNodes(message: string): Node[] {
  const parts = message.split("`");
  // An odd number of backticks leaves the last one unpaired: keep the message as it is.
  if (parts.length % 2 === 0) return [document.createTextNode(message)];
  return parts.map((part, i) => (i % 2 === 1 ? el("code", undefined, part) : document.createTextNode(part)));
}

// ---- The editor: line numbers and highlighted ranges behind a transparent textarea ----

/** The offset in the textarea of an offset in the linted text (a leading byte order mark is not part of it). */
function editorOffset(offset: number): number {
  return text.value.charCodeAt(0) === 0xfeff ? offset + 1 : offset;
}

let shownFindings: Finding[] = [];

function renderGutter(): void {
  const lines = text.value.split("\n").length;
  if (gutterLines.childElementCount === lines) return;
  const fragment = document.createDocumentFragment();
  for (let i = 1; i <= lines; i++) fragment.append(el("div", undefined, String(i)));
  gutterLines.replaceChildren(fragment);
}

const RANK = { warn: 1, error: 2 } as const;

/** The text with each finding's range marked (the most severe where ranges overlap); empty ranges get a caret. */
function renderHighlights(): void {
  const value = text.value;
  const cuts = new Set<number>([0, value.length]);
  const spans = shownFindings.map((f, index) => ({
    start: editorOffset(f.range.start),
    end: editorOffset(f.range.end),
    severity: f.severity,
    index,
  }));
  for (const s of spans) {
    cuts.add(Math.min(s.start, value.length));
    cuts.add(Math.min(s.end, value.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let k = 0; k < points.length; k++) {
    const at = points[k] as number;
    for (const s of spans) if (s.start === s.end && s.start === at) fragment.append(caret(s.severity, s.index));
    const next = points[k + 1];
    if (next === undefined) break;
    const piece = value.slice(at, next);
    const covering = spans.filter((s) => s.start <= at && s.end >= next && s.end > s.start);
    if (covering.length === 0) {
      fragment.append(document.createTextNode(piece));
      continue;
    }
    const worst = covering.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] ? b : a));
    const mark = el("mark", `hl hl-${worst.severity}`, piece);
    mark.dataset.findings = covering.map((s) => s.index).join(" ");
    fragment.append(mark);
  }
  // A final line break needs something after it to take up its line in the backdrop.
  fragment.append(document.createTextNode("\n "));
  highlights.replaceChildren(fragment);
}

function caret(severity: Finding["severity"], index: number): HTMLElement {
  const c = el("span", `caret caret-${severity}`);
  c.dataset.findings = String(index);
  return c;
}

function syncScroll(): void {
  const transform = `translate(${-text.scrollLeft}px, ${-text.scrollTop}px)`;
  highlights.style.transform = transform;
  gutterLines.style.transform = `translateY(${-text.scrollTop}px)`;
}

function showCursor(): void {
  const before = text.value.slice(0, text.selectionStart);
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  cursor.textContent = `Ln ${line}, Col ${column}`;
}

// ---- Linting ----

let generation = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

function scheduleLint(): void {
  presetAbout.textContent = presetDescriptions.get(currentPreset()) ?? "";
  presetAbout.title = presetAbout.textContent;
  renderGutter();
  renderHighlights();
  syncScroll();
  document.body.dataset.state = "linting";
  clearTimeout(timer);
  timer = setTimeout(() => void lintNow(), LINT_DELAY_MS);
}

async function lintNow(): Promise<void> {
  const mine = ++generation;
  const value = text.value;
  const options = { preset: currentPreset(), now: now(), fileName: FILE_NAME };
  let outcome: Awaited<ReturnType<typeof lintPolicy>>;
  try {
    outcome = await lintPolicy(value, options);
  } catch (error) {
    // A bug in the linter, not in the text: say so rather than wait forever.
    outcome = {
      error: `internal error (${error instanceof Error ? error.message : String(error)}); please report it with the shared link`,
    };
  }
  if (mine !== generation) return;
  if ("error" in outcome) {
    shownFindings = [];
    renderFindings([]);
    refused.hidden = false;
    refused.textContent = `Not linted: ${outcome.error}`;
    summary.textContent = "Not linted";
  } else {
    refused.hidden = true;
    shownFindings = outcome.result.findings;
    renderFindings(shownFindings);
  }
  renderHighlights();
  syncScroll();
  if (!fixPanel.hidden) await renderFixPreview(mine);
  if (mine !== generation) return;
  saveToFragment(false);
  document.body.dataset.generation = String(mine);
  document.body.dataset.state = "ready";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function renderFindings(findings: readonly Finding[]): void {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  const fixable = findings.filter((f) => f.fix).length;
  summary.replaceChildren();
  if (findings.length === 0) summary.append(el("span", "ok", "✓ No problems"));
  else {
    summary.append(
      el("span", errors > 0 ? "count count-error" : "count", plural(errors, "error")),
      document.createTextNode(" · "),
      el("span", warnings > 0 ? "count count-warn" : "count", plural(warnings, "warning")),
    );
    if (fixable > 0) summary.append(document.createTextNode(" · "), el("span", "count", `${fixable} fixable`));
  }
  clean.hidden = findings.length > 0 || !refused.hidden;
  const fragment = document.createDocumentFragment();
  findings.forEach((f, index) => {
    const item = el("li", `finding finding-${f.severity}`);
    item.tabIndex = 0;
    Object.assign(item.dataset, {
      ruleId: f.ruleId,
      severity: f.severity,
      line: String(f.line),
      column: String(f.column),
      endLine: String(f.endLine),
      endColumn: String(f.endColumn),
      message: f.message,
      index: String(index),
    });
    const icon = el("span", `icon icon-${f.severity}`, f.severity === "error" ? "✖" : "▲");
    icon.title = f.severity === "error" ? "error" : "warning";
    const where = el("span", "where", `${f.line}:${f.column}`);
    const message = el("span", "message");
    message.append(...messageNodes(f.message));
    const meta = el("span", "meta");
    const link = el("a", "rule", f.ruleId);
    link.href = f.docsUrl;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    link.title = `What ${f.ruleId} checks and how to fix it`;
    meta.append(link);
    if (f.fix) meta.append(el("span", "badge", "fixable"));
    item.append(icon, where, message, meta);
    const choose = (): void => {
      findingsList.querySelectorAll(".selected").forEach((other) => other.classList.remove("selected"));
      item.classList.add("selected");
      select(f);
    };
    item.addEventListener("click", (event) => {
      if ((event.target as HTMLElement).closest("a")) return;
      choose();
    });
    item.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        choose();
      }
    });
    item.addEventListener("mouseenter", () =>
      highlights
        .querySelectorAll<HTMLElement>("[data-findings]")
        .forEach((m) => m.classList.toggle("hover", (m.dataset.findings ?? "").split(" ").includes(String(index)))),
    );
    item.addEventListener("mouseleave", () => highlights.querySelectorAll(".hover").forEach((m) => m.classList.remove("hover")));
    fragment.append(item);
  });
  findingsList.replaceChildren(fragment);
}

/** Select a finding's range in the editor and scroll it into view. */
function select(f: Finding): void {
  const start = editorOffset(f.range.start);
  const end = editorOffset(f.range.end);
  text.focus({ preventScroll: true });
  text.setSelectionRange(start, Math.max(start, end));
  const lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 20;
  const top = (f.line - 1) * lineHeight;
  if (top < text.scrollTop || top > text.scrollTop + text.clientHeight - 2 * lineHeight)
    text.scrollTop = Math.max(0, top - text.clientHeight / 3);
  syncScroll();
  showCursor();
}

// ---- Fix preview ----

let fixedText: string | null = null;

async function renderFixPreview(mine: number): Promise<void> {
  let outcome: Awaited<ReturnType<typeof fixPolicy>>;
  try {
    outcome = await fixPolicy(text.value, { preset: currentPreset(), now: now(), fileName: FILE_NAME });
  } catch (error) {
    outcome = { error: error instanceof Error ? error.message : String(error) };
  }
  if (mine !== generation) return;
  diffView.replaceChildren();
  if ("error" in outcome) {
    fixedText = null;
    fixSummary.textContent = `No fix preview: ${outcome.error}`;
    fixApply.disabled = true;
    return;
  }
  const { result } = outcome;
  fixedText = result.output ?? null;
  const patch = result.output === undefined ? "" : unifiedDiff(result.originalSource ?? result.source, result.output, FILE_NAME);
  diffView.dataset.diff = patch;
  fixApply.disabled = fixedText === null;
  if (patch === "") {
    fixSummary.textContent = "Nothing to fix: no finding has a fix";
    diffView.append(el("span", "diff-none", "The fixes would change nothing."));
    return;
  }
  const remaining = result.findings.length;
  fixSummary.textContent = `After --fix: ${plural(remaining, "problem")} left`;
  const lines = patch.endsWith("\n") ? patch.slice(0, -1).split("\n") : patch.split("\n");
  for (const line of lines) {
    const kind = line.startsWith("@@")
      ? "hunk"
      : line.startsWith("+++") || line.startsWith("---")
        ? "file"
        : line.startsWith("+")
          ? "add"
          : line.startsWith("-")
            ? "del"
            : "ctx";
    diffView.append(el("span", `diff-line diff-${kind}`, line), document.createTextNode("\n"));
  }
}

async function toggleFixPreview(): Promise<void> {
  const open = fixPanel.hidden;
  fixPanel.hidden = !open;
  fixToggle.setAttribute("aria-expanded", String(open));
  fixToggle.classList.toggle("active", open);
  if (open) {
    document.body.dataset.state = "linting";
    const mine = generation;
    await renderFixPreview(mine);
    if (mine === generation) document.body.dataset.state = "ready";
  }
}

function applyFixes(): void {
  if (fixedText === null) return;
  // Through the editing commands where the browser has them, so Undo brings the text back.
  text.focus();
  text.select();
  if (!document.execCommand("insertText", false, fixedText) || text.value !== fixedText) text.value = fixedText;
  text.setSelectionRange(0, 0);
  text.scrollTop = 0;
  scheduleLint();
}

// ---- Sharing through the fragment (never sent to any server) ----

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(value: string): Uint8Array {
  const binary = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function through(stream: CompressionStream | DecompressionStream, bytes: Uint8Array): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** `#preset=…&z=…` (deflated UTF-8) where CompressionStream exists, else `#preset=…&text=…` (plain UTF-8), both base64url. */
async function fragmentFor(value: string, preset: PresetName): Promise<string> {
  const bytes = new TextEncoder().encode(value);
  const params = new URLSearchParams({ preset });
  if (typeof CompressionStream === "function") params.set("z", toBase64Url(await through(new CompressionStream("deflate-raw"), bytes)));
  else params.set("text", toBase64Url(bytes));
  return `#${params.toString()}`;
}

async function readFragment(): Promise<{ text: string | null; preset: PresetName | null }> {
  const params = new URLSearchParams(location.hash.slice(1));
  const presetName = params.get("preset");
  const preset = presetName && (PRESET_NAMES as readonly string[]).includes(presetName) ? (presetName as PresetName) : null;
  try {
    const z = params.get("z");
    if (z !== null && typeof DecompressionStream === "function")
      return { text: new TextDecoder().decode(await through(new DecompressionStream("deflate-raw"), fromBase64Url(z))), preset };
    const plain = params.get("text");
    if (plain !== null) return { text: new TextDecoder().decode(fromBase64Url(plain)), preset };
  } catch {
    shareNote.textContent = "The shared text in the address could not be read";
  }
  return { text: null, preset };
}

let saving = Promise.resolve();

/** Keep the address in step with the text, without adding history entries. */
function saveToFragment(announce: boolean): void {
  const value = text.value;
  const preset = currentPreset();
  saving = saving.then(async () => {
    const fragment = await fragmentFor(value, preset);
    if (fragment !== location.hash) history.replaceState(null, "", fragment);
    if (!announce) return;
    try {
      await navigator.clipboard.writeText(location.href);
      shareNote.textContent = "Link copied";
    } catch {
      shareNote.textContent = "Copy the link from the address bar";
    }
    setTimeout(() => (shareNote.textContent = ""), 4000);
  });
}

// ---- Start ----

const SAMPLE = `# Security Policy

## Supported Versions

| Version | Supported          |
| ------- | ------------------ |
| 5.1.x   | :white_check_mark: |
| 5.0.x   | :x:                |

## Reporting a Vulnerability

Please don’t open a public issue. Write to security@your-domain.com
with the details; we will get back to you as soon as we can.

Weâ€™re grateful to everyone who reports a problem responsibly.
`;

async function start(): Promise<void> {
  for (const p of presets()) {
    const option = el("option", undefined, p.name);
    option.value = p.name;
    option.title = p.description;
    presetSelect.append(option);
    presetDescriptions.set(p.name, p.description);
  }
  $("repo-rules").textContent = REPOSITORY_RULES.join(", ");
  const shared = await readFragment();
  presetSelect.value = shared.preset ?? "recommended";
  text.value = shared.text ?? SAMPLE;
  text.addEventListener("input", scheduleLint);
  text.addEventListener("scroll", syncScroll);
  for (const event of ["keyup", "click", "select"]) text.addEventListener(event, showCursor);
  presetSelect.addEventListener("change", scheduleLint);
  fixToggle.addEventListener("click", () => void toggleFixPreview());
  fixApply.addEventListener("click", applyFixes);
  shareButton.addEventListener("click", () => saveToFragment(true));
  window.addEventListener("hashchange", async () => {
    const again = await readFragment();
    if (again.text !== null && again.text !== text.value) {
      text.value = again.text;
      if (again.preset) presetSelect.value = again.preset;
      scheduleLint();
    }
  });
  new ResizeObserver(syncScroll).observe(text);
  showCursor();
  scheduleLint();
}

void start();
