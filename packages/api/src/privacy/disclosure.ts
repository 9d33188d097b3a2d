import sharp from 'sharp';
import type { Tx } from '@telework/db';
import { JST_OFFSET_MS } from '../calendar/jst';

// 第26条2項: the disclosure of one person's data, as a document people read (HTML, Japanese, JST,
// labels) and the same content as JSON for machines, described by docs/schemas/personal-data-disclosure.schema.json.
// Only the person's own records; no internal ids (tenant, rows, devices, client events), no secrets.
// Images: the evidence the capture mode kept, as small thumbnails (the originals stay in the console).

/** The schema's identifier; the JSON names it so a reader knows which description applies. */
export const DISCLOSURE_SCHEMA_ID = 'https://telework-supporter.example.jp/schemas/personal-data-disclosure/v1.json';

const L = {
  role: { ADMIN: '管理者', MANAGER: '勤務管理者', WORKER: '勤務者' },
  language: { ja: '日本語', en: '英語' },
  membership: { MEMBER: 'メンバー', MANAGER: '勤務管理者' },
  endReason: { PUNCH: '終了打刻', FORGOTTEN_AUTO_CLOSE: '終了打刻漏れによる自動終了', PRESENCE: '在席検知による終了', ADMIN: '管理者による終了' },
  punchKind: { WORK_START: '勤務開始', WORK_END: '勤務終了', TASK_START: 'タスク開始', TASK_END: 'タスク終了' },
  punchSource: { AGENT: 'エージェント', CONSOLE: 'コンソール', AUTO: '自動' },
  presence: { PRESENT: '在席', AWAY: '離席' },
  incidentKind: { PEEKING: 'のぞき見', IMPERSONATION: 'なりすまし', SPOOF: '写真等による偽装' },
  incidentStatus: { OPEN: '未判定', JUDGED: '判定済み' },
  verdict: { CONFIRMED_UNAUTHORIZED: '不正アクセスと確認', FALSE_ALARM: '誤検知', NEEDS_FOLLOW_UP: '要確認' },
  captureMode: { INTERVAL_AND_INCIDENT: '定期撮影とインシデント時の撮影', INCIDENT_ONLY: 'インシデント時のみ撮影', VERDICT_ONLY: '判定結果のみ（画像なし）' },
  evidenceKind: { CAMERA: 'カメラ', SCREEN: '画面' },
  trigger: { INCIDENT: 'インシデント時', INTERVAL: '定期撮影' },
  correction: { PENDING: '申請中', APPROVED: '承認', REJECTED: '却下' },
  inquiry: { OPEN: '対応中', ANSWERED: '回答済み', CLOSED: '完了', AUTO_ACCEPTED: '自動完了' },
} as const;

type Labelled<K extends keyof typeof L> = { code: keyof (typeof L)[K] & string; label: string };
function labelled<K extends keyof typeof L>(kind: K, code: string): Labelled<K> {
  const table = L[kind] as Record<string, string>;
  return { code: code as Labelled<K>['code'], label: table[code] ?? '（不明）' };
}

/** ISO 8601 with the +09:00 offset: machine-readable and Tokyo time at once. */
export function jstIso(d: Date): string {
  const shifted = new Date(d.getTime() + JST_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 19)}+09:00`;
}
const iso = (d: Date | null | undefined) => (d ? jstIso(d) : null);

export interface DisclosureImage {
  capturedAt: string;
  kind: Labelled<'evidenceKind'>;
  trigger: Labelled<'trigger'>;
  /** A JPEG thumbnail as a data: URI, or null when the stored image could not be read. */
  thumbnail: string | null;
}

export interface Disclosure {
  $schema: typeof DISCLOSURE_SCHEMA_ID;
  title: string;
  generatedAt: string;
  organisation: { name: string };
  person: {
    loginId: string; name: string; nameKana: string | null; email: string | null; department: string | null;
    role: Labelled<'role'>; language: Labelled<'language'>; registeredAdministrator: boolean; registeredAt: string; disabledAt: string | null;
  };
  groups: { name: string; membership: Labelled<'membership'> }[];
  workSessions: { startedAt: string; endedAt: string | null; endReason: Labelled<'endReason'> | null; forgottenEnd: boolean }[];
  punches: { occurredAt: string; kind: Labelled<'punchKind'>; task: string | null; source: Labelled<'punchSource'> }[];
  tasks: { task: string; startedAt: string; endedAt: string | null }[];
  presence: { occurredAt: string; state: Labelled<'presence'>; similarity: number | null }[];
  incidents: { occurredAt: string; kind: Labelled<'incidentKind'>; status: Labelled<'incidentStatus'>; verdict: Labelled<'verdict'> | null; faceCount: number; captureMode: Labelled<'captureMode'>; images: DisclosureImage[] }[];
  intervalImages: DisclosureImage[];
  corrections: { requestedAt: string; startedAt: string; endedAt: string; reason: string; status: Labelled<'correction'>; note: string | null }[];
  devices: { name: string; registeredAt: string; lastSeenAt: string | null; revokedAt: string | null }[];
  inquiries: { number: string; subject: string; status: Labelled<'inquiry'>; receivedAt: string }[];
  omitted: string[];
}

/** Reads one stored evidence image (decrypting it); null when it cannot be read. */
export type ImageReader = (row: { blobKey: string; keyVersion: number }) => Promise<Uint8Array | null>;

/** At most this many thumbnails per report (the sizing of 3 months of incidents); the rest are listed without one. */
export const MAX_THUMBNAILS = 300;

async function thumbnail(bytes: Uint8Array | null): Promise<string | null> {
  if (!bytes) return null;
  try {
    const jpeg = await sharp(bytes).resize({ width: 240, height: 180, fit: 'inside' }).jpeg({ quality: 70 }).toBuffer();
    return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
  } catch {
    return null;
  }
}

/** The disclosure of one person of the tenant (db: tenant scope); null when the person no longer exists. */
export async function buildDisclosure(db: Tx, args: { tenantId: string; userId: string; now: Date; readImage?: ImageReader }): Promise<Disclosure | null> {
  const { tenantId, userId } = args;
  const where = { tenantId, userId };
  const user = await db.user.findUnique({
    where: { tenantId_id: { tenantId, id: userId } },
    select: { loginId: true, name: true, nameKana: true, email: true, department: true, role: true, isRegisteredAdministrator: true, language: true, disabledAt: true, createdAt: true },
  });
  if (!user) return null;
  const [tenant, memberships, sessions, punches, taskSessions, presence, incidents, evidence, corrections, devices, inquiries, tasks] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true } }),
    db.groupMembership.findMany({ where, select: { kind: true, group: { select: { name: true } } } }),
    db.workSession.findMany({ where, orderBy: { startedAt: 'asc' }, select: { startedAt: true, endedAt: true, endReason: true, flaggedForgotten: true } }),
    db.punch.findMany({ where, orderBy: { occurredAt: 'asc' }, select: { occurredAt: true, kind: true, taskId: true, source: true } }),
    db.taskSession.findMany({ where, orderBy: { startedAt: 'asc' }, select: { taskId: true, startedAt: true, endedAt: true } }),
    db.presenceEvent.findMany({ where, orderBy: { occurredAt: 'asc' }, select: { occurredAt: true, state: true, similarity: true } }),
    db.incident.findMany({ where, orderBy: { occurredAt: 'asc' }, select: { id: true, occurredAt: true, kind: true, status: true, verdict: true, faceCount: true, captureMode: true } }),
    db.evidence.findMany({ where, orderBy: { capturedAt: 'asc' }, select: { incidentId: true, kind: true, trigger: true, capturedAt: true, blobKey: true, keyVersion: true } }),
    db.punchCorrection.findMany({ where, orderBy: { createdAt: 'asc' }, select: { createdAt: true, startedAt: true, endedAt: true, reason: true, status: true, decisionNote: true } }),
    db.agentDevice.findMany({ where, orderBy: { createdAt: 'asc' }, select: { name: true, createdAt: true, lastSeenAt: true, revokedAt: true } }),
    db.inquiry.findMany({ where: { tenantId, administratorId: userId }, orderBy: { receivedAt: 'asc' }, select: { number: true, subject: true, status: true, receivedAt: true } }),
    db.task.findMany({ where: { tenantId }, select: { id: true, code: true, name: true } }),
  ]);
  const taskName = new Map(tasks.map((t) => [t.id, `${t.name}（${t.code}）`]));
  let thumbs = 0;
  const image = async (e: (typeof evidence)[number]): Promise<DisclosureImage> => {
    const read = args.readImage && thumbs < MAX_THUMBNAILS ? (thumbs++, await args.readImage(e)) : null;
    return { capturedAt: jstIso(e.capturedAt), kind: labelled('evidenceKind', e.kind), trigger: labelled('trigger', e.trigger), thumbnail: await thumbnail(read) };
  };
  const imagesOf = new Map<string, DisclosureImage[]>();
  const intervalImages: DisclosureImage[] = [];
  for (const e of evidence) {
    const img = await image(e);
    if (e.incidentId) imagesOf.set(e.incidentId, [...(imagesOf.get(e.incidentId) ?? []), img]);
    else intervalImages.push(img);
  }
  return {
    $schema: DISCLOSURE_SCHEMA_ID,
    title: '保有個人データの開示（利用規約 第26条2項）',
    generatedAt: jstIso(args.now),
    organisation: { name: tenant.name },
    person: {
      loginId: user.loginId, name: user.name, nameKana: user.nameKana, email: user.email, department: user.department,
      role: labelled('role', user.role), language: labelled('language', user.language), registeredAdministrator: user.isRegisteredAdministrator,
      registeredAt: jstIso(user.createdAt), disabledAt: iso(user.disabledAt),
    },
    groups: memberships.map((m) => ({ name: m.group.name, membership: labelled('membership', m.kind) })),
    workSessions: sessions.map((s) => ({ startedAt: jstIso(s.startedAt), endedAt: iso(s.endedAt), endReason: s.endReason ? labelled('endReason', s.endReason) : null, forgottenEnd: s.flaggedForgotten })),
    punches: punches.map((p) => ({ occurredAt: jstIso(p.occurredAt), kind: labelled('punchKind', p.kind), task: p.taskId ? (taskName.get(p.taskId) ?? null) : null, source: labelled('punchSource', p.source) })),
    tasks: taskSessions.map((s) => ({ task: taskName.get(s.taskId) ?? '（削除されたタスク）', startedAt: jstIso(s.startedAt), endedAt: iso(s.endedAt) })),
    presence: presence.map((p) => ({ occurredAt: jstIso(p.occurredAt), state: labelled('presence', p.state), similarity: p.similarity })),
    incidents: incidents.map((i) => ({
      occurredAt: jstIso(i.occurredAt), kind: labelled('incidentKind', i.kind), status: labelled('incidentStatus', i.status), verdict: i.verdict ? labelled('verdict', i.verdict) : null,
      faceCount: i.faceCount, captureMode: labelled('captureMode', i.captureMode), images: imagesOf.get(i.id) ?? [],
    })),
    intervalImages,
    corrections: corrections.map((c) => ({ requestedAt: jstIso(c.createdAt), startedAt: jstIso(c.startedAt), endedAt: jstIso(c.endedAt), reason: c.reason, status: labelled('correction', c.status), note: c.decisionNote })),
    devices: devices.map((d) => ({ name: d.name, registeredAt: jstIso(d.createdAt), lastSeenAt: iso(d.lastSeenAt), revokedAt: iso(d.revokedAt) })),
    inquiries: inquiries.map((q) => ({ number: q.number, subject: q.subject, status: labelled('inquiry', q.status), receivedAt: jstIso(q.receivedAt) })),
    // Said in the document so the person knows what else exists and why it is not here.
    omitted: ['パスワード（保存しているのは照合用の値のみで、元のパスワードは当社も知りません）', '顔画像とその特徴量（本人確認の照合用。管理者がコンソールで確認・削除できます）', '勤務予定（管理者がコンソールで確認できます）'],
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
/** `2026-12-07T09:00:00+09:00` → `2026/12/07 09:00` (the JSON's JST times as people read them). */
const when = (v: string | null) => (v ? `${v.slice(0, 10).replaceAll('-', '/')} ${v.slice(11, 16)}` : '—');
const text = (v: string | null | undefined) => (v ? esc(v) : '—');

function table(title: string, headers: string[], rows: string[][], empty = '記録はありません。'): string {
  const body = rows.length === 0 ? `<p class="empty">${empty}</p>` : `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  return `<section><h2>${esc(title)}（${rows.length}件）</h2>${body}</section>`;
}

const images = (list: DisclosureImage[]) =>
  list.length === 0
    ? '—'
    : list.map((i) => `<figure>${i.thumbnail ? `<img src="${i.thumbnail}" alt="${esc(`${i.kind.label} ${when(i.capturedAt)}`)}">` : '<span class="noimg">画像を読み出せません</span>'}<figcaption>${esc(i.kind.label)}・${esc(i.trigger.label)} ${when(i.capturedAt)}</figcaption></figure>`).join('');

/** The report people read: one HTML file, styles inline, nothing loaded from elsewhere. */
export function renderDisclosureHtml(d: Disclosure): string {
  const p = d.person;
  const person = [
    ['ユーザID', text(p.loginId)], ['氏名', text(p.name)], ['氏名（カナ）', text(p.nameKana)], ['メールアドレス', text(p.email)], ['部署', text(p.department)],
    ['権限', esc(p.role.label)], ['表示言語', esc(p.language.label)], ['登録管理者', p.registeredAdministrator ? 'はい' : 'いいえ'], ['登録日時', when(p.registeredAt)], ['無効化日時', when(p.disabledAt)],
  ];
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>${esc(d.title)} ${esc(p.name)}</title>
<style>
body{font-family:"Noto Sans JP","Noto Sans CJK JP","Hiragino Sans",sans-serif;color:#1f2933;margin:32px;line-height:1.6;font-size:14px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;border-bottom:2px solid #2f6fab;padding-bottom:2px;margin-top:28px}
.meta{color:#52606d;margin:0 0 16px}table{border-collapse:collapse;width:100%;margin-top:8px}th,td{border:1px solid #cbd2d9;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f4f8;white-space:nowrap}.kv th{width:12em}.empty{color:#7b8794}figure{display:inline-block;margin:4px 8px 4px 0;font-size:12px;color:#52606d}
figure img{display:block;max-width:240px;max-height:180px;border:1px solid #cbd2d9}.noimg{display:inline-block;padding:24px;border:1px dashed #cbd2d9}
ul{margin:4px 0}
</style></head><body>
<h1>${esc(d.title)}</h1>
<p class="meta">${esc(d.organisation.name)} ／ 対象者: ${esc(p.name)}（${esc(p.loginId)}） ／ 作成日時: ${when(d.generatedAt)}（日本時間）</p>
<p>この文書は、当社がお預かりしている上記の方の個人データを、利用規約第26条2項に基づき開示するものです。時刻はすべて日本時間です。同じ内容を機械で読める形式（JSON）でもお渡しできます。</p>
<section><h2>ご本人の情報</h2><table class="kv"><tbody>${person.map(([k, v]) => `<tr><th>${esc(k ?? '')}</th><td>${v}</td></tr>`).join('')}</tbody></table></section>
${table('所属グループ', ['グループ', '所属の種類'], d.groups.map((g) => [esc(g.name), esc(g.membership.label)]))}
${table('勤務（開始・終了）', ['開始', '終了', '終了のしかた', '終了打刻漏れ'], d.workSessions.map((s) => [when(s.startedAt), when(s.endedAt), s.endReason ? esc(s.endReason.label) : '—', s.forgottenEnd ? 'あり' : '—']))}
${table('打刻', ['日時', '種類', 'タスク', '打刻元'], d.punches.map((x) => [when(x.occurredAt), esc(x.kind.label), text(x.task), esc(x.source.label)]))}
${table('タスクの作業時間', ['タスク', '開始', '終了'], d.tasks.map((x) => [esc(x.task), when(x.startedAt), when(x.endedAt)]))}
${table('在席・離席の記録', ['日時', '状態', '顔の一致度'], d.presence.map((x) => [when(x.occurredAt), esc(x.state.label), x.similarity === null ? '—' : x.similarity.toFixed(2)]))}
${table('インシデント', ['日時', '種類', '状態', '判定', '検出した顔の数', '証跡の記録方式', '証跡画像'], d.incidents.map((i) => [when(i.occurredAt), esc(i.kind.label), esc(i.status.label), i.verdict ? esc(i.verdict.label) : '—', String(i.faceCount), esc(i.captureMode.label), images(i.images)]))}
${table('定期撮影の証跡画像', ['日時', '種類', '画像'], d.intervalImages.map((i) => [when(i.capturedAt), esc(i.kind.label), images([i])]))}
${table('打刻修正の申請', ['申請日時', '修正後の開始', '修正後の終了', '理由', '結果', 'コメント'], d.corrections.map((c) => [when(c.requestedAt), when(c.startedAt), when(c.endedAt), esc(c.reason), esc(c.status.label), text(c.note)]))}
${table('登録したPC', ['名前', '登録日時', '最終通信', '登録解除'], d.devices.map((x) => [esc(x.name), when(x.registeredAt), when(x.lastSeenAt), when(x.revokedAt)]))}
${table('お問合せ', ['受付番号', '件名', '状態', '受付日時'], d.inquiries.map((q) => [esc(q.number), esc(q.subject), esc(q.status.label), when(q.receivedAt)]))}
<section><h2>この文書に含めていないもの</h2><ul>${d.omitted.map((o) => `<li>${esc(o)}</li>`).join('')}</ul></section>
</body></html>
`;
}
