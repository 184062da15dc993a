import type { Lexicon } from "./types.js";

/** Simplified Chinese. Phrases in Han script match anywhere in the text (no spaces between words). */
export const zhHans: Lexicon = {
  language: "zh-Hans",
  sections: {
    "supported-versions": ["支持的版本", "受支持的版本", "支持版本", "版本支持", "维护的版本", "维护版本", "版本"],
    "response-timeline": ["响应时间", "回复时间", "响应流程", "处理流程", "处理时间", "时间线", "时间表", "我们的承诺", "承诺", "响应"],
    disclosure: ["披露", "漏洞披露", "公开披露", "安全公告", "披露政策", "公开"],
    "safe-harbor": ["安全港", "免责", "法律"],
    scope: ["范围", "不在范围内", "适用范围"],
    pgp: ["加密", "公钥"],
    contact: ["联系方式", "联系我们", "联系"],
    reporting: ["报告", "提交漏洞", "如何报告", "漏洞报告", "上报", "反馈"],
  },
  supportedMarks: ["是", "支持", "已支持", "维护中", "受支持", "活跃"],
  unsupportedMarks: ["否", "不支持", "停止维护", "不再支持", "已停止", "已弃用", "不维护", "不再维护", "不再提供", "已停止维护", "不受支持", "停止支持", "已终止"],
  units: {
    hour: ["小时", "个小时"],
    day: ["天", "日"],
    week: ["周", "星期", "个星期"],
    month: ["个月"],
  },
  // `3个工作日`, `3 个工作日`: the working word sits between the number and `日`.
  workingDays: ["工作", "个工作"],
  numbers: {},
  rangeWords: ["至", "到"],
  promises: {
    acknowledge: ["确认收到", "确认", "收到"],
    respond: ["回复", "响应", "答复", "回应", "首次回复"],
    assess: ["评估", "分析", "调查", "核实", "验证"],
    update: ["进展", "进度", "通知你", "告知"],
    fix: ["修复", "补丁", "解决"],
    disclose: ["披露", "公开", "发布公告", "公告"],
  },
  severityWords: ["严重", "高危", "中危", "低危", "严重性", "严重程度"],
  generalContact: [],
  disclosure: ["协调披露", "负责任披露", "负责任的披露", "安全公告", "公开披露", "漏洞披露"],
  privateReporting: ["私密报告", "私下报告", "私有漏洞报告", "私密漏洞报告", "私下提交", "私密提交", "report a vulnerability 按钮", "github 安全公告", "安全选项卡", "security 标签"],
  publicReporting: ["提交 issue", "提 issue", "创建 issue", "公开 issue"],
  versionStatements: ["最新", "最新版本", "最新版", "所有版本", "主分支", "版本"],
  lowerBoundsBefore: ["至少", "超过", "最少", "不少于"],
  lowerBoundsAfter: ["以上", "或更长"],
  reportWords: ["报告", "提交", "上报", "漏洞", "发送", "反馈"],
  negations: ["不要", "请勿", "切勿", "勿", "不得", "禁止", "避免", "而不是"],
  templatePhrases: ["使用此部分", "使用本节", "替换为你的邮箱", "替换为您的邮箱", "替换为你的", "替换为您的", "请替换", "在此处填写"],
  standIns: ["邮箱", "邮箱地址", "你的邮箱", "您的邮箱", "电子邮件", "电子邮件地址", "你的邮箱地址", "您的邮箱地址"],
};
