import type { IncidentKind, IncidentStatus, JudgementVerdict } from '@telework/db';

// The incident words of mails and exports, the same as the console shows (packages/ui/src/i18n/evidence.ts).

export type Lang = 'ja' | 'en';

export const INCIDENT_KIND_LABEL: Record<Lang, Record<IncidentKind, string>> = {
  ja: { PEEKING: 'のぞき込み', IMPERSONATION: 'なりすまし', SPOOF: '写真・画面によるなりすまし', COVERED_CAMERA: 'カメラの遮蔽' },
  en: { PEEKING: 'Peeking', IMPERSONATION: 'Impersonation', SPOOF: 'Spoofing with a photo or screen', COVERED_CAMERA: 'Camera covered' },
};

export const INCIDENT_STATUS_LABEL: Record<Lang, Record<IncidentStatus, string>> = {
  ja: { OPEN: '未判定', JUDGED: '判定済み' },
  en: { OPEN: 'Not judged', JUDGED: 'Judged' },
};

export const INCIDENT_VERDICT_LABEL: Record<Lang, Record<JudgementVerdict, string>> = {
  ja: { CONFIRMED_UNAUTHORIZED: '不正アクセスと確認', FALSE_ALARM: '誤検知', NEEDS_FOLLOW_UP: '要確認' },
  en: { CONFIRMED_UNAUTHORIZED: 'Confirmed unauthorised', FALSE_ALARM: 'False alarm', NEEDS_FOLLOW_UP: 'Needs follow-up' },
};
