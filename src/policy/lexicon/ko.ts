import type { Lexicon } from "./types.js";

/** Korean. Hangul phrases match anywhere, since particles attach to the noun (`보고서를`, `48시간 이내에`). */
export const ko: Lexicon = {
  language: "ko",
  sections: {
    "supported-versions": ["지원되는 버전", "지원 버전", "버전 지원", "지원 대상 버전", "버전"],
    "response-timeline": ["응답 시간", "대응 시간", "처리 일정", "대응 절차", "대응 일정", "응답 일정", "응답"],
    disclosure: ["공개 정책", "취약점 공개", "책임 있는 공개", "조율된 공개", "공개 절차", "공개 일정", "보안 권고"],
    "safe-harbor": ["면책", "법적 보호", "세이프 하버"],
    scope: ["적용 범위", "범위"],
    pgp: ["암호화", "공개 키", "공개키"],
    contact: ["연락처", "문의"],
    reporting: ["취약점 보고", "보고", "신고", "제보"],
  },
  supportedMarks: ["지원", "지원됨", "지원 중"],
  unsupportedMarks: ["미지원", "지원 안 함", "지원 종료", "지원 중단", "아니오", "지원하지 않음"],
  units: {
    hour: ["시간"],
    day: ["일"],
    week: ["주"],
    month: ["개월"],
  },
  // `3영업일`, `5 영업일`: the working word sits between the number and `일`.
  workingDays: ["영업", "근무"],
  numbers: {},
  rangeWords: [],
  promises: {
    acknowledge: ["접수 확인", "수신 확인", "확인", "접수"],
    respond: ["응답", "회신", "답변", "첫 응답"],
    assess: ["검토", "평가", "분석", "조사"],
    update: ["진행 상황", "업데이트"],
    fix: ["수정", "패치", "해결"],
    disclose: ["공개합니다", "공개할", "공개 예정", "권고"],
  },
  severityWords: ["심각도", "긴급", "치명적", "높음", "중간", "낮음"],
  generalContact: [],
  disclosure: ["책임 있는 공개", "조율된 공개", "보안 권고", "보안 공지", "취약점 공개", "공개 일정"],
  privateReporting: ["비공개로 보고", "비공개 보고", "비공개 취약점 보고", "비공개로 제보", "비공개로 신고", "report a vulnerability 버튼", "github 보안 권고"],
  publicReporting: [],
  versionStatements: ["최신", "최신 버전", "모든 버전", "버전"],
  lowerBoundsBefore: ["최소", "적어도"],
  lowerBoundsAfter: ["이상"],
  reportWords: ["보고", "제보", "신고", "취약점", "보내"],
  negations: [],
  templatePhrases: ["이 섹션을 사용하여", "으로 바꾸세요", "로 바꾸세요", "이메일 주소를 입력"],
  standIns: ["이메일", "이메일 주소", "연락처 이메일"],
};
