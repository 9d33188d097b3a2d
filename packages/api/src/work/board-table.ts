import type { Column } from '../exports';
import type { ReportLanguage } from '../analytics/report-tables';
import type { getStatusBoard } from './status-board';

type BoardRow = Awaited<ReturnType<typeof getStatusBoard>>['workers'][number];

const STATE = {
  ja: { OFF: '勤務外', WORKING: '勤務中', PRESENT: '在席', AWAY: '離席', INCIDENT: 'インシデント' },
  en: { OFF: 'Off', WORKING: 'Working', PRESENT: 'Present', AWAY: 'Away', INCIDENT: 'Incident' },
} as const;

const H = {
  ja: { loginId: 'ユーザID', name: '氏名', department: '部署', state: '状態', since: 'いつから', task: '現在のタスク', contact: '最終通信', incidents: '本日のインシデント' },
  en: { loginId: 'User ID', name: 'Name', department: 'Department', state: 'State', since: 'Since', task: 'Current task', contact: 'Last contact', incidents: 'Incidents today' },
} as const;

/** The live status board as an exportable table (CSV / Shift_JIS / XLSX). */
export function boardColumns(lang: ReportLanguage): Column<BoardRow>[] {
  const h = H[lang];
  return [
    { header: h.loginId, value: (r) => r.loginId, width: 14 },
    { header: h.name, value: (r) => r.name, width: 18 },
    { header: h.department, value: (r) => r.department, width: 14 },
    { header: h.state, value: (r) => STATE[lang][r.state], width: 12 },
    { header: h.since, value: (r) => r.since, width: 18 },
    { header: h.task, value: (r) => r.task?.name ?? '', width: 16 },
    { header: h.contact, value: (r) => r.lastContactAt, width: 18 },
    { header: h.incidents, value: (r) => r.incidentsToday },
  ];
}
