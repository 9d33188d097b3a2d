import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '@telework/db';
import { TestBrowser } from '../testing/callers';
import { useOwnTestDatabase } from '../testing/db';
import { exportWorkReport } from './export-report';

// The demo as issue 16 found it (seeded at 2026-12-07, looked at 01:25 JST on 12/08): the analysis
// page's figures and its CSV obey the attendance rules (docs/attendance-rules.md) for every worker
// and day. Its own database, because the seed wants an empty one.

const handle = useOwnTestDatabase();
const seededAt = new Date('2026-12-07T10:00:00+09:00');
const lookedAt = new Date('2026-12-08T01:25:00+09:00');

afterEach(() => {
  vi.useRealTimers();
});

function parseCsv(body: Buffer): string[][] {
  return body
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
}

describe('demo figures', () => {
  it('present + away ≤ worked ≤ 24 h on every day, totals are sums, and nobody is absent today at 01:25', async () => {
    expect(await seedDemo(handle.url, seededAt)).toBe(true);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(lookedAt);
    const admin = new TestBrowser(handle.db, 'console');
    await admin.console((c) => c.auth.signIn({ systemId: 'TW-100001', loginId: 'admin', password: DEMO_PASSWORD }));
    const report = await admin.console((c) => c.analytics.work({ from: '2026-11-01', to: '2026-12-31' }));

    expect(report.days.length).toBeGreaterThan(20); // two weeks of history for three workers
    for (const d of report.days) {
      expect(d.presentMinutes + d.awayMinutes).toBeLessThanOrEqual(d.workedMinutes);
      expect(d.workedMinutes).toBeLessThanOrEqual(1440);
      if (d.date === '2026-12-08') expect(d.schedule?.absent ?? false).toBe(false);
    }
    // The seed's days are 8–10 h sessions with a 50-minute lunch away: present is most of the day, not days of it.
    for (const d of report.days.filter((x) => x.workedMinutes > 0)) expect(d.presentMinutes).toBeGreaterThan(d.workedMinutes - 120);
    for (const w of report.workers) {
      const mine = report.days.filter((d) => d.workerId === w.userId);
      expect(w.workedMinutes).toBe(mine.reduce((a, d) => a + d.workedMinutes, 0));
      expect(w.presentMinutes).toBe(mine.reduce((a, d) => a + d.presentMinutes, 0));
      expect(w.presentMinutes + w.awayMinutes).toBeLessThanOrEqual(w.workedMinutes);
    }

    // The CSV the analysis page downloads, read back as a spreadsheet would.
    const days = parseCsv((await exportWorkReport(report, 'days', 'csv', 'ja')).body);
    const header = days[0] ?? [];
    const col = (name: string) => header.indexOf(name);
    expect([col('勤務(分)'), col('在席(分)'), col('離席(分)')].every((i) => i >= 0)).toBe(true);
    for (const row of days.slice(1)) {
      const worked = Number(row[col('勤務(分)')]);
      expect(Number(row[col('在席(分)')]) + Number(row[col('離席(分)')])).toBeLessThanOrEqual(worked);
      expect(worked).toBeLessThanOrEqual(1440);
    }
    const workers = parseCsv((await exportWorkReport(report, 'workers', 'csv', 'ja')).body);
    const wh = workers[0] ?? [];
    for (const row of workers.slice(1)) {
      expect(Number(row[wh.indexOf('在席(分)')])).toBeLessThanOrEqual(Number(row[wh.indexOf('勤務(分)')]));
    }
  }, 120_000);
});
