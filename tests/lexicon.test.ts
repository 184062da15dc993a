/** The lexicons: what the policy model reads in each language. */
import { describe, expect, it } from "vitest";
import { scanDurations } from "../src/policy/facts/durations.js";
import { lexicon, lexicons } from "../src/policy/lexicon/index.js";
import { buildPolicy } from "../src/policy/model.js";
import { placeholderEmail, placeholderHost } from "../src/policy/facts/placeholders.js";
import { classifyHeading } from "../src/policy/facts/sections.js";
import { findPhrases, fold } from "../src/policy/text/text.js";
import { classifyMark } from "../src/policy/facts/versions.js";

function durations(text: string): string[] {
  return scanDurations(text).map(
    (d) => `${text.slice(d.start, d.end)}=${d.min}${d.max !== d.min ? `-${d.max}` : ""} ${d.unit}${d.working ? " working" : ""}`,
  );
}

describe("lexicons", () => {
  it("covers the languages the README lists", () => {
    const languages = lexicons.map((l) => l.language);
    expect(languages).toEqual(expect.arrayContaining(["en", "zh-Hans", "zh-Hant", "ja", "ko", "es", "pt", "de", "fr", "ru", "uk", "uz"]));
    expect(new Set(languages).size).toBe(languages.length);
  });

  it("gives every language words for every section kind it names", () => {
    for (const l of lexicons) {
      for (const kind of ["supported-versions", "reporting", "response-timeline"] as const) {
        expect(l.sections[kind].length, `${l.language} ${kind}`).toBeGreaterThan(0);
      }
    }
  });

  it("never lists one phrase as both a private channel and a public tracker (the model searches both lists as one)", () => {
    const foldedPublic = new Set(lexicon.publicReporting.map((p) => fold(p).trim()));
    expect(lexicon.privateReporting.filter((p) => foldedPublic.has(fold(p).trim()))).toEqual([]);
  });

  it("keeps template phrases for the template-text rule in the merged lexicon", () => {
    const hits = (text: string): number => findPhrases(` ${fold(text)} `, lexicon.templatePhrases).length;
    expect(hits("Ersetzen Sie diese Adresse durch Ihre eigene.")).toBe(1);
    expect(hits("请替换为你的邮箱")).toBeGreaterThan(0);
    expect(hits("Reemplace con su dirección.")).toBe(1);
    expect(hits("Todo el código está cubierto.")).toBe(0);
  });
});

describe("durations in other languages", () => {
  it.each([
    ["我们会在48小时内确认", "48小时=48 hour"],
    ["请在 3 个工作日内回复", "3 个工作日=3 day working"],
    ["3天内回复", "3天=3 day"],
    ["72時間以内に返信します", "72時間=72 hour"],
    ["3営業日以内に受領連絡", "3営業日=3 day working"],
    ["1～2週間", "1～2週間=1-2 week"],
    ["48시간 이내에 응답합니다", "48시간=48 hour"],
    ["5 영업일 이내", "5 영업일=5 day working"],
    ["innerhalb von 2 Werktagen", "2 Werktagen=2 day working"],
    ["binnen drei Tagen", "drei Tagen=3 day"],
    ["en un plazo de 48 horas", "48 horas=48 hour"],
    ["en 3 días hábiles", "3 días hábiles=3 day working"],
    ["em até 5 dias úteis", "5 dias úteis=5 day working"],
    ["sous 5 jours ouvrés", "5 jours ouvrés=5 day working"],
    ["в течение 3 рабочих дней", "3 рабочих дней=3 day working"],
    ["протягом 2 робочих днів", "2 робочих днів=2 day working"],
    ["48 soat ichida", "48 soat=48 hour"],
    ["我们会在三个工作日内回复", "三个工作日=3 day working"],
    ["一周内给出评估", "一周=1 week"],
    ["七十二小时内确认", "七十二小时=72 hour"],
    ["兩週內修復", "兩週=2 week"],
    ["일주일 이내에 검토합니다", "일주일=1 week"],
    ["하루 안에 답변드립니다", "하루=1 day"],
    ["2주일 이내", "2주일=2 week"],
  ])("%s", (text, expected) => {
    expect(durations(text)).toEqual([expected]);
  });

  it("does not read dates or counted things as durations", () => {
    expect(durations("2026年3月15日に公開")).toEqual([]);
    expect(durations("2026년 3월 1일")).toEqual([]);
    expect(durations("3 человека из команды")).toEqual([]);
    expect(durations("第一天我们会确认")).toEqual([]);
    expect(durations("项目一周年纪念")).toEqual([]);
    expect(durations("一日も早く修正します")).toEqual([]);
    expect(durations("统一管理")).toEqual([]);
  });
});

describe("headings, marks and channels in other languages", () => {
  it.each([
    ["Unterstützte Versionen", "supported-versions"],
    ["支持的版本", "supported-versions"],
    ["支援的版本", "supported-versions"],
    ["サポート対象バージョン", "supported-versions"],
    ["지원되는 버전", "supported-versions"],
    ["Versiones soportadas", "supported-versions"],
    ["Versões suportadas", "supported-versions"],
    ["Versions prises en charge", "supported-versions"],
    ["Поддерживаемые версии", "supported-versions"],
    ["Підтримувані версії", "supported-versions"],
    ["Eine Sicherheitslücke melden", "reporting"],
    ["报告漏洞", "reporting"],
    ["脆弱性の報告", "reporting"],
    ["취약점 보고", "reporting"],
    ["Signaler une vulnérabilité", "reporting"],
    ["Сообщение об уязвимости", "reporting"],
    ["Reaktionszeiten", "response-timeline"],
    ["Tiempos de respuesta", "response-timeline"],
    ["Divulgation coordonnée", "disclosure"],
  ])("%s is a %s heading", (title, kind) => {
    expect(classifyHeading(title)).toBe(kind);
  });

  it.each([
    ["Ja", "supported"],
    ["Nein", "unsupported"],
    ["是", "supported"],
    ["否", "unsupported"],
    ["Sí", "supported"],
    ["Sim", "supported"],
    ["Não", "unsupported"],
    ["Oui", "supported"],
    ["Non", "unsupported"],
    ["Да", "supported"],
    ["Нет", "unsupported"],
    ["サポート中", "supported"],
    ["サポート外", "unsupported"],
    ["지원", "supported"],
    ["미지원", "unsupported"],
    ["不支持", "unsupported"],
    ["不再维护", "unsupported"],
    ["Так", "supported"],
    ["Ні", "unsupported"],
  ])("%s marks a version %s", (mark, status) => {
    expect(classifyMark(mark)).toBe(status);
  });

  it("reads promises in the forms policies write them", () => {
    const promises = (text: string): (string | null)[] =>
      buildPolicy(`# Policy\n\n## Reporting\n\n${text}\n`).durations.map((d) => d.promise);
    expect(promises("Respondemos en menos de 72 horas.")).toEqual(["respond"]);
    expect(promises("Nous répondons sous 48 h.")).toEqual(["respond"]);
    expect(promises("Ми відповідаємо протягом 3 днів.")).toEqual(["respond"]);
    expect(promises("Wir antworten in der Regel binnen 48 Stunden.")).toEqual(["respond"]);
    expect(promises("48시간 이내에 접수 확인을 드리고, 7일 이내에 검토 결과를 알려 드립니다.")).toEqual(["acknowledge", "assess"]);
    expect(promises("3営業日以内に受領を確認し、10日以内に評価結果をご連絡します。")).toEqual(["acknowledge", "assess"]);
  });

  it("reads a private-reporting mention in Chinese and Japanese, and a refused issue tracker in German", () => {
    const zh = buildPolicy("# 安全政策\n\n## 报告漏洞\n\n请通过 GitHub 私密报告功能提交，不要公开提 Issue。\n");
    expect(zh.channels.map((c) => c.kind)).toEqual(["pvr-mention"]);
    const ja = buildPolicy("# セキュリティ\n\n## 脆弱性の報告\n\nGitHub から非公開で報告してください。\n");
    expect(ja.channels.map((c) => c.kind)).toEqual(["pvr-mention"]);
    const button = buildPolicy("# セキュリティ\n\n## 脆弱性の報告\n\nGitHub の「Report a vulnerability」ボタンから報告してください。\n");
    expect(button.channels.map((c) => c.kind)).toEqual(["pvr-mention"]);
    const de = buildPolicy(
      "# Sicherheit\n\n## Melden\n\nBitte kein öffentliches Issue erstellen, sondern an sicherheit@beispielprojekt.de schreiben.\n",
    );
    expect(de.channels.map((c) => c.kind)).toEqual(["email"]);
  });

  it("knows placeholder domains and stand-ins in other languages", () => {
    expect(placeholderHost("ihre-domain.de")).toContain("template stand-in");
    expect(placeholderHost("tu-dominio.com")).toContain("template stand-in");
    expect(placeholderEmail("seguranca@seu-dominio.com.br")).toContain("template stand-in");
    expect(placeholderHost("votre-domaine.fr")).toContain("template stand-in");
    expect(placeholderHost("meinedomain.de")).toBeNull();
    const policy = buildPolicy("# 安全\n\n请发送邮件到 [邮箱地址]。Schreiben Sie an [Ihre E-Mail-Adresse].\n");
    expect(policy.standIns.map((s) => s.text)).toEqual(["[邮箱地址]", "[Ihre E-Mail-Adresse]"]);
  });
});

describe("lower bounds in other languages", () => {
  it.each([
    "Wir warten mindestens 90 Tage, bevor wir Details veröffentlichen.",
    "Esperamos al menos 90 días antes de publicar.",
    "Мы ждём не менее 90 дней перед публикацией.",
    "修复发布前至少 90 天不公开细节。",
    "詳細の公開は90日以上待ちます。",
  ])("%s is not a promise", (text) => {
    const policy = buildPolicy(`# Policy\n\n${text}\n`);
    expect(policy.durations.map((d) => d.promise)).toEqual([null]);
  });
});
