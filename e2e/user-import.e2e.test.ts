import iconv from 'iconv-lite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '@telework/db';
import { launchBrowser, screenshot, signInToConsole } from './support/browser';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const consoleUrl = inject('consoleUrl');
const databaseUrl = inject('databaseUrl');
const run = Date.now().toString(36);
const WAIT = { timeout: 20_000, interval: 250 };
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

/** Read-only check of what was stored, as the database owner. */
async function importedCount(): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>('SELECT count(*) AS n FROM users WHERE "loginId" LIKE $1', [`imp-${run}-%`]);
    return Number(r.rows[0]?.n ?? -1);
  } finally {
    await client.end();
  }
}

/** 30 users as Japanese Excel saves them (CP932, CRLF): 24 workers, 5 managers, 1 admin. */
function csv(bad: boolean): Buffer {
  const lines = ['ユーザID,氏名,メールアドレス,部署,権限,表示言語,所属グループ'];
  for (let i = 1; i <= 30; i++) {
    const id = `imp-${run}-${String(i).padStart(2, '0')}`;
    const role = i <= 24 ? '勤務者' : i <= 29 ? '勤務管理者' : '管理者';
    let email = `${id}@example.jp`;
    let groups = '';
    if (bad && i === 7) email = 'not-an-address';
    if (bad && i === 18) groups = '存在しない部';
    lines.push(`${id},髙橋 ${i}号,${email},営業部,${role},ja,${groups}`);
  }
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp932');
}

describe('bulk user import', () => {
  it('an admin imports 30 users from a Shift_JIS CSV: two bad rows block the whole file, the fixed file adds all 30', async () => {
    const page = await signInToConsole(browser, consoleUrl, { systemId: 'TW-100001', loginId: 'admin', password: DEMO_PASSWORD });
    await page.goto(`${consoleUrl}/users`);
    await page.getByTestId('open-import').click();
    await page.waitForURL(`${consoleUrl}/users/import`);

    await page.getByTestId('import-file').setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: csv(true) });
    await page.getByTestId('import-preview').click();
    await expect.poll(() => page.getByTestId('import-encoding').textContent(), WAIT).toBe('文字コード: Shift_JIS');
    // Row numbers as the spreadsheet shows them: the header is row 1, so user 7 is row 8.
    await expect.poll(() => page.getByTestId('import-problems-8').textContent(), WAIT).toBe('メールアドレスの形式が正しくありません');
    expect(await page.getByTestId('import-problems-19').textContent()).toBe('グループが見つかりません');
    expect(await page.locator('[data-testid^="import-problems-"]').count()).toBe(2);
    expect(await page.getByText('30行のうち、問題のある行: 2行').count()).toBe(1);
    expect(await page.getByText('髙橋 1号').count()).toBe(1); // CP932's IBM extension 髙 read correctly
    expect(await page.getByTestId('import-apply').count()).toBe(0);
    await screenshot(page, 'user-import-bad-rows');
    expect(await importedCount()).toBe(0);

    await page.getByTestId('import-file').setInputFiles({ name: 'users-fixed.csv', mimeType: 'text/csv', buffer: csv(false) });
    await page.getByTestId('import-preview').click();
    await expect.poll(() => page.getByText('すべての行に問題はありません。').count(), WAIT).toBe(1);
    await page.getByTestId('import-apply').click();
    await expect.poll(() => page.getByTestId('import-done').textContent(), WAIT).toContain('30人を登録しました');
    const password = await page.getByTestId(`import-password-imp-${run}-01`).textContent();
    expect(password).toMatch(/^[A-Za-z0-9]{14}$/);
    await screenshot(page, 'user-import-done');
    expect(await importedCount()).toBe(30);
  });
});
