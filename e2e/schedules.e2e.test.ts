import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@telework/db';
import { launchBrowser, screenshot, signInToConsole } from './support/browser';

// Schedules at scale (issue 16): a manager gives one weekly pattern to his whole group at once; the
// company calendar shows 年末年始 on the schedules screen. The assignment starts in 2030 so that the
// demo's current plans, which other browser tests read, stay as they are; it is undone at the end.

const consoleUrl = inject('consoleUrl');
const databaseUrl = inject('databaseUrl');
const FROM = '2030-01-07';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await sql(`DELETE FROM schedule_patterns WHERE "validFrom" = $1`, [FROM]);
  await sql(`UPDATE schedule_patterns SET "validTo" = NULL WHERE "validTo" = $1::date - 1`, [FROM]);
  await browser.close();
});

/** Direct SQL as the database owner: to read what the assignment stored and to undo it afterwards. */
async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const card = (page: Page, title: string) => page.locator('section.tw-card', { has: page.getByRole('heading', { name: title, exact: true }) });

describe('schedules at scale in a real browser', () => {
  it('a manager assigns a night-shift pattern to his whole group at once; it is stored for each member and audited once', async () => {
    const manager = await signInToConsole(browser, consoleUrl, { systemId: 'TW-100001', loginId: 'manager', password: DEMO_PASSWORD });
    await manager.getByRole('link', { name: '勤務予定', exact: true }).click();
    await manager.waitForURL(`${consoleUrl}/schedules`);
    const bulk = card(manager, '勤務パターンの一括割り当て');
    await expect.poll(() => bulk.getByLabel('グループ全員（下位グループを含む）').isChecked()).toBe(true);
    const group = (await bulk.getByLabel('グループ', { exact: true }).locator('option:checked').textContent())?.trim() ?? '';
    // Monday to Friday 22:00 to 07:00 next morning, typed with Japanese input on for Monday.
    for (const weekday of ['月', '火', '水', '木', '金']) {
      await bulk.getByLabel(`${weekday} 開始`).fill(weekday === '月' ? '２２：００' : '22:00');
      await bulk.getByLabel(`${weekday} 終了`).fill('7:00');
    }
    await bulk.getByLabel('適用開始日').fill(FROM);
    await bulk.getByRole('button', { name: '割り当てる' }).click();
    const done = bulk.locator('.tw-alert-success');
    await expect.poll(() => done.textContent()).toMatch(/^\d+人に割り当てました。$/);
    const count = Number(/^(\d+)/.exec((await done.textContent()) ?? '')?.[1]);
    expect(count).toBeGreaterThan(0);
    await screenshot(manager, 'schedules-bulk-assign');

    const rows = await sql<{ userId: string; startMinute: number; endMinute: number }>(`SELECT "userId", "startMinute", "endMinute" FROM schedule_patterns WHERE "validFrom" = $1`, [FROM]);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(count);
    expect(rows).toHaveLength(count * 5);
    expect(new Set(rows.map((r) => `${r.startMinute}-${r.endMinute}`))).toEqual(new Set(['1320-1860']));
    const audit = await sql<{ details: { userCount: number } }>(`SELECT details FROM audit_logs WHERE action = 'schedule.pattern_bulk_set' AND details->>'validFrom' = $1`, [FROM]);
    expect(audit.map((a) => a.details.userCount)).toEqual([count]);
    expect(group).not.toBe('');

    // A manager reads the company calendar but does not edit it.
    const calendar = card(manager, '会社カレンダー');
    expect(await calendar.getByText('会社カレンダーの編集は管理者が行います。').count()).toBe(1);
    expect(await calendar.getByRole('button', { name: /年末年始/ }).count()).toBe(0);
  });

  it('an admin keeps the company calendar; 年末年始 shows on the schedules calendar as company days off', async () => {
    const admin = await signInToConsole(browser, consoleUrl, { systemId: 'TW-100001', loginId: 'admin', password: DEMO_PASSWORD });
    await admin.goto(`${consoleUrl}/schedules`);
    const calendar = card(admin, '会社カレンダー');
    const button = calendar.getByRole('button', { name: /^年末年始（\d{4}\/12\/29–\d{4}\/1\/3）を追加$/ });
    await expect.poll(() => button.count()).toBe(1);
    const year = Number(/（(\d{4})/.exec((await button.textContent()) ?? '')?.[1]);
    // The suggestion is idempotent: the demo already holds this year's 年末年始.
    await button.click();
    await expect.poll(() => calendar.getByTestId('company-days-off').textContent()).toContain(`${year}-12-29年末年始`);
    const month = Number((await admin.getByTestId('month-title').textContent())?.match(/(\d+)月/)?.[1]);
    for (let m = month; m < 12; m += 1) await admin.getByRole('button', { name: '次の月' }).click();
    await expect.poll(() => admin.getByTestId(`day-${year}-12-29`).textContent()).toContain('会社休日: 年末年始');
    await expect.poll(() => admin.getByTestId(`day-${year}-12-29`).textContent()).toContain('休み');
    await screenshot(admin, 'schedules-company-calendar');
  });
});
