import type { Lexicon } from "./types.js";

/** Japanese. Phrases in kana and kanji match anywhere in the text. */
export const ja: Lexicon = {
  language: "ja",
  sections: {
    "supported-versions": [
      "サポートされているバージョン", "サポート対象バージョン", "サポートバージョン", "サポートヴァージョン", "対象バージョン",
      "サポート対象", "バージョン", "ヴァージョン",
    ],
    "response-timeline": ["対応時間", "対応期間", "対応の流れ", "対応プロセス", "返信", "レスポンス", "目安", "スケジュール"],
    disclosure: ["開示", "情報公開", "公開ポリシー", "公開前", "公開について", "協調的開示", "アドバイザリ", "公表"],
    "safe-harbor": ["セーフハーバー", "免責", "法的"],
    scope: ["対象範囲", "適用範囲", "範囲", "対象外"],
    pgp: ["暗号化", "公開鍵"],
    contact: ["連絡先", "お問い合わせ", "問い合わせ"],
    reporting: ["報告", "報告方法", "脆弱性の報告", "届け出", "連絡方法", "対応方針"],
  },
  supportedMarks: ["サポート中", "サポート対象", "サポート", "対応", "はい", "○", "◯"],
  unsupportedMarks: ["サポート外", "サポート終了", "サポート対象外", "非対応", "対象外", "いいえ", "×", "✕"],
  units: {
    hour: ["時間"],
    day: ["日", "日間"],
    week: ["週間", "週"],
    month: ["か月", "ヶ月", "カ月", "ヵ月", "ケ月", "箇月"],
  },
  // `3営業日`: the working word sits between the number and `日`.
  workingDays: ["営業", "稼働"],
  numbers: {},
  rangeWords: ["から"],
  promises: {
    acknowledge: ["受領確認", "受領連絡", "受領", "受付", "受理", "確認"],
    respond: ["返信", "回答", "返答", "初回返信", "一次返信", "連絡"],
    assess: ["評価", "調査", "分析", "検証", "トリアージ"],
    update: ["進捗", "状況報告"],
    fix: ["修正", "パッチ", "対処", "修復"],
    disclose: ["公開", "開示", "公表", "アドバイザリ"],
  },
  severityWords: ["重大度", "深刻度", "緊急度", "クリティカル", "高リスク", "中リスク", "低リスク"],
  generalContact: [],
  disclosure: ["協調的開示", "協調された開示", "責任ある開示", "セキュリティアドバイザリ", "アドバイザリを公開", "脆弱性情報を公開", "開示"],
  disclosureMentions: ["責任ある開示", "開示", "公開"],
  negationsAfter: ["しないで", "しないでください", "ご遠慮ください", "おやめください", "お控えください", "禁止"],
  contrasts: ["代わりに", "ではなく"],
  privateReporting: ["非公開で報告", "非公開で連絡", "非公開の報告", "プライベート脆弱性報告", "プライベート脆弱性レポート", "非公開で届け", "report a vulnerability ボタン", "github の security advisory", "github の security advisories", "github のセキュリティアドバイザリ", "セキュリティタブ", "security タブ"],
  publicReporting: [],
  versionStatements: ["最新", "最新版", "最新リリース", "すべてのバージョン", "全てのバージョン", "バージョン"],
  lowerBoundsBefore: ["少なくとも", "最低"],
  lowerBoundsAfter: ["以上", "を超え"],
  reportWords: ["報告", "連絡", "脆弱性", "送信", "届け"],
  negations: ["禁止"],
  templatePhrases: ["このセクションを使用して", "に置き換えてください", "置き換えてください", "メールアドレスを記入"],
  standIns: ["メールアドレス", "あなたのメールアドレス", "連絡先メールアドレス"],
};
