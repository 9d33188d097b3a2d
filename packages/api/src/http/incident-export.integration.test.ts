import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Db, IncidentKind, JudgementVerdict } from '@telework/db';
import { apiEnv } from '../env';
import { signedInUser } from '../testing/callers';
import { addWorker, createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';
import { handleIncidentExport } from './export';

const { db, adminDb } = useTestDatabase();
// The route handlers use the process's one client (http/db.ts keeps it on globalThis).
(globalThis as { __teleworkDb?: Db }).__teleworkDb = db;

const ORIGIN = 'https://console.example';
// A fixed clock: the file name is stamped 2026-12-08 01:56 JST.
const NOW = new Date('2026-12-07T16:56:00Z');

async function addIncident(t: TenantFixture, userId: string, occurredAt: string, kind: IncidentKind, verdict: JudgementVerdict | null = null) {
  const i = await adminDb.incident.create({
    data: { tenantId: t.tenantId, userId, deviceId: t.deviceId, clientEventId: randomUUID(), kind, faceCount: kind === 'PEEKING' ? 2 : 1, similarity: kind === 'PEEKING' ? null : 0.41234, occurredAt: new Date(occurredAt), receivedAt: NOW, verdict, status: verdict && verdict !== 'NEEDS_FOLLOW_UP' ? 'JUDGED' : 'OPEN' },
  });
  return i.id;
}

const csvRows = (text: string) => text.replace(/\r\n$/, '').split('\r\n').map((line) => line.split(','));
const get = (headers: Record<string, string>, query: Record<string, string>) => handleIncidentExport(new Request(`${ORIGIN}/api/export/incidents?${new URLSearchParams(query).toString()}`, { headers }), NOW);
const link = (id: string) => `${apiEnv.CONSOLE_BASE_URL.replace(/\/$/, '')}/incidents/${id}`;

describe('incident list export (CSV UTF-8 / Shift_JIS / XLSX)', () => {
  it('exports the filtered list with JST times and words, read back from each format', async () => {
    const t = await createTenantFixture(adminDb);
    const w = t.users.worker;
    const name = `worker ${t.systemId.slice(4)}`;
    // 2026-12-07 09:00 JST and 23:30 JST; one on 12-08 00:30 JST (outside the day filter) and one of another kind.
    const first = await addIncident(t, w.id, '2026-12-07T00:00:00Z', 'PEEKING', 'FALSE_ALARM');
    const second = await addIncident(t, w.id, '2026-12-07T14:30:00Z', 'PEEKING');
    await addIncident(t, w.id, '2026-12-07T15:30:00Z', 'PEEKING');
    await addIncident(t, w.id, '2026-12-07T05:00:00Z', 'IMPERSONATION', 'CONFIRMED_UNAUTHORIZED');
    const admin = await signedInUser(db, t, 'admin');
    const filters = { kind: 'PEEKING', from: '2026-12-07', to: '2026-12-07' };

    const csv = await get(admin.httpHeaders(), { ...filters, format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="incidents-202612080156.csv"');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(bytes.subarray(3).toString('utf8'));
    expect(rows).toEqual([
      ['発生日時', 'ユーザID', '氏名', '種類', '検出された顔の数', '類似度', 'PC', '証跡画像の枚数', '状態', '判定結果', 'コンソールのリンク'],
      ['2026-12-07 23:30:00', 'worker', name, 'のぞき込み', '2', '', 'PC-01', '0', '未判定', '未判定', link(second)],
      ['2026-12-07 09:00:00', 'worker', name, 'のぞき込み', '2', '', 'PC-01', '0', '判定済み', '誤検知', link(first)],
    ]);

    const sjis = await get(admin.httpHeaders(), { ...filters, format: 'csv-sjis' });
    expect(sjis.headers.get('content-disposition')).toBe('attachment; filename="incidents-202612080156-sjis.csv"');
    expect(csvRows(iconv.decode(Buffer.from(await sjis.arrayBuffer()), 'cp932'))).toEqual(rows);

    const xlsx = await get(admin.httpHeaders(), { kind: 'IMPERSONATION', format: 'xlsx', lang: 'en' });
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="incidents-202612080156.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0];
    const values = (sheet?.getSheetValues() ?? []).slice(1).map((row) => (Array.isArray(row) ? row.slice(1) : row));
    expect(values).toEqual([
      ['Occurred', 'User ID', 'Name', 'Kind', 'Faces detected', 'Similarity', 'PC', 'Evidence images', 'Status', 'Verdict', 'Console link'],
      // XLSX keeps the JST wall time as a date (Excel has no zone): 05:00 UTC is 14:00 in Tokyo.
      [new Date('2026-12-07T14:00:00Z'), 'worker', name, 'Impersonation', 1, 0.412, 'PC-01', 0, 'Judged', 'Confirmed unauthorised', expect.stringMatching(/\/incidents\/[0-9a-f-]{36}$/)],
    ]);
  });

  it('gives a manager the incidents of his groups only, and refuses workers and bad filters', async () => {
    const t = await createTenantFixture(adminDb);
    const inGroup = await addIncident(t, t.users.worker.id, '2026-12-07T01:00:00Z', 'PEEKING');
    const outsider = await adminDb.user.create({ data: { tenantId: t.tenantId, loginId: 'outside', name: 'Outside', role: 'WORKER' } });
    await addIncident(t, outsider.id, '2026-12-07T02:00:00Z', 'PEEKING');
    await addWorker(adminDb, t);
    const manager = await signedInUser(db, t, 'manager');
    const res = await get(manager.httpHeaders(), { format: 'csv' });
    const rows = csvRows(Buffer.from(await res.arrayBuffer()).subarray(3).toString('utf8'));
    expect(rows.slice(1).map((r) => r[10])).toEqual([link(inGroup)]);

    const worker = await signedInUser(db, t, 'worker');
    expect((await get(worker.httpHeaders(), { format: 'csv' })).status).toBe(403);
    expect((await get(manager.httpHeaders(), { from: '2026-12-08', to: '2026-12-07' })).status).toBe(400);
    // Another tenant's worker as a filter: not found, like the screen.
    const other = await createTenantFixture(adminDb);
    expect((await get(manager.httpHeaders(), { userId: other.users.worker.id })).status).toBe(404);
  });
});
