import { describe, it, expect } from "vitest";
import iconv from "iconv-lite";
import fc from "fast-check";
import { findMojibake, repairMojibake, type CodePage, type MojibakeRun } from "../src/policy/formats/mojibake.js";

// ---------------------------------------------------------------------------
// Garbling helpers: the expectations are produced by really mis-decoding UTF-8.
// ---------------------------------------------------------------------------

const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** UTF-8 read as Windows-1252 by a WHATWG-style decoder (undefined bytes kept as C1 controls). */
function asCp1252(s: string): string {
  let out = "";
  for (const b of Buffer.from(s, "utf8")) {
    out += CP1252_UNDEFINED.has(b) ? String.fromCharCode(b) : iconv.decode(Buffer.from([b]), "win1252");
  }
  return out;
}

/** UTF-8 read as Windows-1252 by iconv-lite itself (undefined bytes become U+FFFD). */
function asCp1252Strict(s: string): string {
  return iconv.decode(Buffer.from(s, "utf8"), "win1252");
}

/** UTF-8 read as ISO-8859-1 (every byte 0x80..0x9F becomes a C1 control). */
function asLatin1(s: string): string {
  return Buffer.from(s, "utf8").toString("latin1");
}

type AppleLogo = "present" | "dropped" | "replacement";

/**
 * UTF-8 read as Mac Roman. iconv-lite decodes 0xF0 to U+FFFD; Apple's table
 * (and WHATWG) have U+F8FF there, and real files often lose that character.
 */
function asMac(s: string, logo: AppleLogo = "present"): string {
  const decoded = iconv.decode(Buffer.from(s, "utf8"), "macintosh");
  if (logo === "replacement") return decoded;
  return decoded.replace(/\uFFFD/g, logo === "present" ? "\uF8FF" : "");
}

function garble(s: string, page: CodePage): string {
  return page === "windows-1252" ? asCp1252(s) : asMac(s);
}

/** Check the invariants every result must satisfy. */
function checkShape(input: string, runs: readonly MojibakeRun[]): void {
  let last = 0;
  for (const r of runs) {
    expect(r.start).toBeGreaterThanOrEqual(last);
    expect(r.end).toBeGreaterThan(r.start);
    expect(r.text).toBe(input.slice(r.start, r.end));
    expect(r.repaired.length).toBeLessThan(r.text.length);
    last = r.end;
  }
}

function expectClean(text: string): void {
  const runs = findMojibake(text);
  expect(runs, JSON.stringify(text)).toEqual([]);
  expect(repairMojibake(text)).toBe(text);
}

const CP1252_EXAMPLES = ["’", "—", "✅", "🟢", "🟡", "🔧", "→"];
const MAC_EXAMPLES = ["🔒", "✅", "❌", "🛡️", "⚖️", "🚨", "📧"];
const ALL_EXAMPLES = [...new Set([...CP1252_EXAMPLES, ...MAC_EXAMPLES])];

// ---------------------------------------------------------------------------

describe("garbling helpers reproduce the known forms", () => {
  it("Windows-1252", () => {
    expect(asCp1252("’")).toBe("â€™");
    expect(asCp1252("—")).toBe("â€”");
    expect(asCp1252("✅")).toBe("âœ…");
    expect(asCp1252("🟢")).toBe("ðŸŸ¢");
    expect(asCp1252("🟡")).toBe("ðŸŸ¡");
    expect(asCp1252("🔧")).toBe("ðŸ”§");
    expect(asCp1252("→")).toBe("â†’");
  });

  it("Mac Roman (0xF0 is the Apple logo U+F8FF)", () => {
    expect(asMac("🔒")).toBe("\uF8FFüîí");
    expect(asMac("✅")).toBe("‚úÖ");
    expect(asMac("❌")).toBe("‚ùå");
    expect(asMac("🛡️")).toBe("\uF8FFüõ°Ô∏è");
    expect(asMac("⚖️")).toBe("‚öñÔ∏è");
    expect(asMac("🚨")).toBe("\uF8FFüö®");
    expect(asMac("📧")).toBe("\uF8FFüìß");
    expect(asMac("🔒", "dropped")).toBe("üîí");
    expect(asMac("🔒", "replacement")).toBe("\uFFFDüîí");
  });

  it("the WHATWG Mac Roman decoder agrees with the 'present' form", () => {
    for (const s of MAC_EXAMPLES) {
      expect(new TextDecoder("macintosh").decode(Buffer.from(s, "utf8"))).toBe(asMac(s, "present"));
    }
  });
});

describe("findMojibake: every example in both code pages", () => {
  const prefix = "Status: ";
  const suffix = " done";

  for (const page of ["windows-1252", "macintosh"] as const) {
    for (const s of ALL_EXAMPLES) {
      it(`${page}: ${s}`, () => {
        const g = garble(s, page);
        const input = prefix + g + suffix;
        const runs = findMojibake(input);
        expect(runs).toEqual([{ start: prefix.length, end: prefix.length + g.length, text: g, repaired: s, codePage: page }]);
        expect(repairMojibake(input)).toBe(prefix + s + suffix);
      });
    }
  }

  for (const logo of ["dropped", "replacement"] as const) {
    for (const s of ALL_EXAMPLES) {
      it(`macintosh, Apple logo ${logo}: ${s}`, () => {
        const g = asMac(s, logo);
        const input = prefix + g + suffix;
        const runs = findMojibake(input);
        checkShape(input, runs);
        expect(runs).toEqual([{ start: prefix.length, end: prefix.length + g.length, text: g, repaired: s, codePage: "macintosh" }]);
        expect(repairMojibake(input)).toBe(prefix + s + suffix);
      });
    }
  }

  it("recovers the emoji when the U+F8FF was dropped at the start of the text", () => {
    expect(repairMojibake(asMac("🔒 Security", "dropped"))).toBe("🔒 Security");
    expect(repairMojibake(asMac("## 🚨 Reporting", "dropped"))).toBe("## 🚨 Reporting");
    expect(repairMojibake(asMac("🔒🔑", "dropped"))).toBe("🔒🔑");
  });

  it("repairs the same text read as ISO-8859-1 (all C1 controls)", () => {
    for (const s of ALL_EXAMPLES) {
      const g = asLatin1(s);
      expect(findMojibake(g)).toEqual([{ start: 0, end: g.length, text: g, repaired: s, codePage: "windows-1252" }]);
    }
  });
});

describe("positions and mixed lines", () => {
  it("only repairs the garbled half of a mixed line", () => {
    const input = "✅ ok âœ… bad";
    expect(findMojibake(input)).toEqual([{ start: 5, end: 8, text: "âœ…", repaired: "✅", codePage: "windows-1252" }]);
    expect(repairMojibake(input)).toBe("✅ ok ✅ bad");
  });

  it("reports several runs in one line with exact offsets", () => {
    const a = garble("✅", "windows-1252");
    const b = garble("✅", "macintosh");
    const c = garble("🔒", "windows-1252");
    const d = garble("🔒", "macintosh");
    const input = `| ${a} yes | ${b} no | ${c} lock | ${d} |`;
    const runs = findMojibake(input);
    checkShape(input, runs);
    const sa = input.indexOf(a);
    const sb = input.indexOf(b);
    const sc = input.indexOf(c);
    const sd = input.indexOf(d);
    expect(runs).toEqual([
      { start: sa, end: sa + a.length, text: a, repaired: "✅", codePage: "windows-1252" },
      { start: sb, end: sb + b.length, text: b, repaired: "✅", codePage: "macintosh" },
      { start: sc, end: sc + c.length, text: c, repaired: "🔒", codePage: "windows-1252" },
      { start: sd, end: sd + d.length, text: d, repaired: "🔒", codePage: "macintosh" },
    ]);
    expect(repairMojibake(input)).toBe("| ✅ yes | ✅ no | 🔒 lock | 🔒 |");
  });

  it("keeps the correct text after a garbled sequence", () => {
    expect(findMojibake("âœ… **Fixed**")).toEqual([{ start: 0, end: 3, text: "âœ…", repaired: "✅", codePage: "windows-1252" }]);
    expect(findMojibake("‚úÖ Full support")).toEqual([{ start: 0, end: 3, text: "‚úÖ", repaired: "✅", codePage: "macintosh" }]);
  });

  it("keeps correct accented letters touching garbled sequences", () => {
    const input = "l" + asCp1252("’") + "équipe, Größe" + asCp1252("—") + "café";
    const runs = findMojibake(input);
    checkShape(input, runs);
    expect(runs.map((r) => [r.start, r.end, r.repaired])).toEqual([
      [1, 4, "’"],
      [17, 20, "—"],
    ]);
    expect(repairMojibake(input)).toBe("l’équipe, Größe—café");
    expect(repairMojibake("Ã©tÃ© naïve")).toBe("été naïve");
  });

  it("merges adjacent garbled sequences into one run", () => {
    const g = asCp1252("✅✅");
    expect(findMojibake(`x ${g} y`)).toEqual([{ start: 2, end: 2 + g.length, text: g, repaired: "✅✅", codePage: "windows-1252" }]);
  });

  it("repairs whole garbled sentences in other scripts", () => {
    const samples = [
      "Привет, мир — это тест и всё",
      "日本語のテキスト、セキュリティ・ポリシー",
      "한국어 보안 정책",
      "Ελληνικά κείμενα",
      "Polityka bezpieczeństwa: zgłoś błąd",
      "Příliš žluťoučký kůň",
      "Rapport de sécurité : « faille » à corriger",
      "Sicherheitslücke melden: Größe, Übersicht",
      "¿Dónde reportar? ¡Aquí!",
      "ไทย",
      "👨‍💻 🇫🇷 1️⃣ 🛡️",
    ];
    for (const s of samples) {
      for (const g of [asCp1252(s), asLatin1(s), asMac(s, "present"), asMac(s, "dropped")]) {
        expect(repairMojibake(g), JSON.stringify(g)).toBe(s);
      }
    }
  });
});

describe("lost bytes in Windows-1252 (C1 controls)", () => {
  // ŏ = C5 8F, ŝ = C5 9D, 🔐 = F0 9F 94 90, ❌ = E2 9D 8C, ” = E2 80 9D, VS16 = EF B8 8F.
  const cases = ["ŏ", "ŝ", "🔐", "❌", "”", "🛡️", "⚖️"];

  it("the test characters really contain undefined bytes", () => {
    for (const s of cases) {
      expect([...Buffer.from(s, "utf8")].some((b) => CP1252_UNDEFINED.has(b))).toBe(true);
      expect(asCp1252(s)).toMatch(/[\u0081\u008d\u008f\u0090\u009d]/u);
    }
  });

  it("maps the C1 controls back to their bytes", () => {
    for (const s of cases) {
      const g = asCp1252(s);
      const input = `see ${g} here`;
      expect(findMojibake(input)).toEqual([{ start: 4, end: 4 + g.length, text: g, repaired: s, codePage: "windows-1252" }]);
    }
    expect(asCp1252("ŏ")).toBe("Å\u008F");
    expect(repairMojibake("Å\u008F and Å\u009D")).toBe("ŏ and ŝ");
  });

  it("resolves a U+FFFD (strict decoder) only when unambiguous", () => {
    expect(repairMojibake(asCp1252Strict("❌ no"))).toBe("❌ no"); // only E2 9D 8C is an emoji
    expect(repairMojibake(asCp1252Strict("🛡️ ok"))).toBe("🛡️ ok"); // EF B8 ?? → VS16
    expect(repairMojibake(asCp1252Strict("“quoted”"))).toBe("“quoted”"); // E2 80 ?? → ”
    expect(repairMojibake(asCp1252Strict("👨‍💻 dev"))).toBe("👨‍💻 dev"); // ... or a ZWJ between emoji
    // 🔐 loses 0x90: F0 9F 94 {81,8D,8F,90,9D} are all emoji, so nothing is guessed.
    const lock = asCp1252Strict("🔐");
    expect(lock).toBe("ðŸ”\uFFFD");
    expect(repairMojibake(lock)).toBe(lock);
    // ŏ loses 0x8F: C5 {81,8D,8F,90,9D} are all letters.
    expect(repairMojibake(asCp1252Strict("ŏ"))).toBe(asCp1252Strict("ŏ"));
  });
});

describe("double encoding and genuine Latin repairs", () => {
  it("accepts Ã© as é", () => {
    expect(findMojibake("cafÃ©")).toEqual([{ start: 3, end: 5, text: "Ã©", repaired: "é", codePage: "windows-1252" }]);
    expect(repairMojibake("gÃ¢teau")).toBe("gâteau");
    expect(repairMojibake("Ã\u00A0 bientÃ´t")).toBe("à bientôt"); // à = C3 A0 (NBSP)
  });

  it("undoes text garbled twice in one step", () => {
    const twice = asCp1252(asCp1252("l’été ✅"));
    expect(repairMojibake(twice)).toBe("l’été ✅");
    const mixed = asMac(asCp1252("Größe 🔒"));
    expect(repairMojibake(mixed)).toBe("Größe 🔒");
  });
});

describe("idempotence", () => {
  const inputs = [
    ...ALL_EXAMPLES.flatMap((s) => [asCp1252(s), asMac(s), asMac(s, "dropped"), asCp1252Strict(s), asLatin1(s)]),
    asCp1252(asCp1252("’ é ✅")),
    "ÃƒÂ",
    "Ãƒ‹",
    "â€",
    "Ã",
    "ðŸ”",
    "üîí",
    "Süßöl",
    "×”",
    "✅ ok âœ… bad ‚úÖ mac üîí dropped",
    "Größe " + asCp1252("— café ’") + " naïve",
  ];

  it("repairMojibake(repairMojibake(x)) === repairMojibake(x)", () => {
    for (const x of inputs) {
      const once = repairMojibake(x);
      expect(repairMojibake(once), JSON.stringify(x)).toBe(once);
    }
  });

  it("holds for random mixtures of correct and garbled text", () => {
    const words = [
      "naïve",
      "café",
      "Über",
      "Größe",
      "l’équipe",
      "«Élan»",
      "—été",
      "¿Qué?",
      "año",
      "São",
      "Zażółć",
      "Příliš",
      "æøå",
      "Привет",
      "и",
      "日本語",
      "한국어",
      "ไทย",
      "✅",
      "🔒",
      "🛡️",
      "👨‍💻",
      "“x”",
      "…",
      "©",
      "°",
      "±",
      "×",
      "Ä»",
      "×”",
      "’é",
      "Süßöl",
      "ŏ",
      "Ã",
      "â",
      "ƒ",
      "security",
      "v1.2",
    ];
    const token = fc.tuple(
      fc.constantFrom(...words),
      fc.constantFrom<(s: string) => string>(
        (s) => s,
        asCp1252,
        asCp1252Strict,
        asLatin1,
        (s) => asMac(s),
        (s) => asMac(s, "dropped"),
      ),
      fc.constantFrom(" ", "", "\n", ", "),
    );
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 10 }), (parts) => {
        const x = parts.map(([w, f, sep]) => f(w) + sep).join("");
        const runs = findMojibake(x);
        checkShape(x, runs);
        const once = repairMojibake(x);
        expect(repairMojibake(once)).toBe(once);
      }),
      { numRuns: 300, seed: 1234 },
    );
  });
});

describe("correct text is never reported", () => {
  const words = [
    "naïve",
    "café",
    "Über",
    "Größe",
    "façade",
    "résumé",
    "Ålesund",
    "garçon",
    "À bientôt",
    "L’été",
    "cœur",
    "Œuvre",
    "ÄÖÜ äöüß Straße",
    "¿Qué? ¡Sí! mañana",
    "São Paulo, ação, põe",
    "Zażółć gęślą jaźń",
    "Příliš žluťoučký kůň",
    "Ærøskøbing, Åland, smørbrød",
    "Привет, мир",
    "中文 日本語",
    "ひらがな カタカナ",
    "한국어",
    "ภาษาไทย",
    "✅ 🔒 🛡️ ⚖️ 🚨 📧 🟢 🟡 🔧 → 👨‍💻 🇫🇷 1️⃣",
    "“double” ‘single’ – — … • © ® ™ °",
    "« guillemets » ± ×",
    "Ã la carte",
    "â bientôt",
    "Ä",
    "Ã",
    "â",
    "ð",
  ];

  for (const w of words) {
    it(w, () => expectClean(w));
  }

  it("French with Mac-Roman-risky punctuation", () => {
    expectClean("l’équipe d’être jusqu’à «Élan» “École” —été ‘à’ «\u00a0Été\u00a0»");
    expectClean("Qu’est-ce qu’on fait ? C’était l’œuvre d’Émile — à mon avis.");
  });

  it("German, Nordic and Spanish punctuation next to capitals", () => {
    expectClean("„ÄRGER“ »Öl« ‚Übel‘ ÖSTERREICH… ÅR—ÆRE ¡ÑANDÚ! „ÄÖÜ“");
    expectClean("la sécurité\u00A0» et l’été\u00A0— puis «\u00A0à\u00A0»");
    expectClean("Süßöl Füße Müßiggang 3×4 ±5° 10–20 © 2024");
  });

  it("a long multilingual paragraph", () => {
    expectClean(
      "Pour signaler une vulnérabilité, écrivez à security@example.org. Wir antworten schnell (≤ 48 h). " +
        "Отвечаем в течение 2 дней. 脆弱性の報告はメールで。보안 취약점은 이메일로. " +
        "Nous garantissons la confidentialité ; la divulgation coordonnée est privilégiée. ✅",
    );
  });
});

describe("performance", () => {
  it("handles a 200 KB line of mixed text", () => {
    const unit =
      "Ligne: naïve café — " +
      asCp1252("✅") +
      " Fixed, " +
      asMac("✅") +
      " ok, " +
      asMac("🔒", "dropped") +
      " Sécurité, 日本語 🔒 Größe " +
      asCp1252("🔧") +
      " fin. ";
    const line = unit.repeat(Math.ceil(200_000 / unit.length));
    expect(line.length).toBeGreaterThanOrEqual(200_000);
    const runs = findMojibake(line);
    expect(runs.length).toBe(4 * Math.ceil(200_000 / unit.length));
    const repaired = repairMojibake(line);
    expect(repaired.startsWith("Ligne: naïve café — ✅ Fixed, ✅ ok, 🔒 Sécurité, 日本語 🔒 Größe 🔧 fin. ")).toBe(true);
    // Huge single candidate runs must not blow up either.
    expect(findMojibake("äÄ".repeat(100_000)).length).toBe(0);
    const huge = asCp1252("Привет ✅ ").replace(/ /g, "").repeat(10_000);
    expect(repairMojibake(huge) === "Привет✅".repeat(10_000)).toBe(true);
  });
});
