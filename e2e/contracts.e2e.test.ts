import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@telework/db';
import { launchBrowser, screenshot } from './support/browser';
import { waitForMail } from './support/mailbox';

const consoleUrl = inject('consoleUrl');
const resellerUrl = inject('resellerUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  return context.newPage();
}

async function signInToReseller(kind: 'operator' | 'resellerStaff', email: string): Promise<Page> {
  const page = await newPage();
  await page.goto(`${resellerUrl}/sign-in`);
  await page.getByLabel('ご利用区分').selectOption(kind);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.waitForURL(`${resellerUrl}/`);
  return page;
}

/** A calendar day as the screens show it in Japanese (Asia/Tokyo). */
const jaDay = (utcMidnight: number) => new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(utcMidnight + 9 * 3_600_000);

/** 第10条: a contract formed today (Tokyo) runs one year, to the day before the same date next year. */
function expectedTerm(): string {
  const today = new Date(Date.now() + 9 * 3_600_000);
  const [y, m, d] = [today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()];
  const start = Date.UTC(y, m, d);
  // Day before the same date next year; from 29 February that is the last day of February.
  const end = Math.min(Date.UTC(y + 1, m, d), Date.UTC(y + 1, m + 1, 1)) - 86_400_000;
  return `${jaDay(start)} 〜 ${jaDay(end)}`;
}

/** The customer created by the first test, used by the next one (the tests of this file run in order). */
let created: { company: string; systemId: string } | null = null;

const isoInDays = (days: number) => new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** 第12条1項: received today (Tokyo), the contract ends on the last day of next month. */
function endOfNextMonth(): string {
  const today = new Date(Date.now() + 9 * 3_600_000);
  return jaDay(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 2, 1) - 86_400_000);
}

describe('contracts in a real browser (第9条, 第10条)', () => {
  it('a reseller enters an application, an operator accepts it, the new administrator receives the invitation, sets a password, signs in and sees the licence', async () => {
    const suffix = `${Date.now()}`.slice(-8);
    const company = `株式会社E2E商会 ${suffix}`;
    const adminEmail = `admin-${suffix}@e2e-customer.example`;

    // Reseller staff: the new-application form names each mistake under its own field.
    const sales = await signInToReseller('resellerStaff', 'sales@mirai-reseller.example');
    await sales.getByRole('navigation').getByRole('link', { name: '申込' }).click();
    await sales.waitForURL(`${resellerUrl}/applications`);
    await sales.getByRole('link', { name: '新規申込' }).click();
    await sales.waitForURL(`${resellerUrl}/applications/new`);
    await sales.getByRole('button', { name: '申し込む' }).click();
    await expect.poll(() => sales.getByRole('alert').first().textContent()).toBe('入力内容を確認してください。');
    expect(await sales.locator('#app-companyName-error').textContent()).toBe('入力してください');
    expect(await sales.locator('#admin-0-name-error').textContent()).toBe('入力してください');
    expect(await sales.locator('#admin-0-email-error').textContent()).toBe('メールアドレスの形式で入力してください');
    expect(await sales.locator('#app-seats-error').textContent()).toBe('入力してください');
    await sales.getByLabel('法人番号（13桁・任意）').fill('1234567890123');
    await sales.getByRole('button', { name: '申し込む' }).click();
    await expect.poll(() => sales.locator('#app-corporateNumber-error').textContent()).toBe(
      '法人番号が正しくありません（13桁の数字で、先頭のチェックデジットが一致する必要があります）',
    );
    await screenshot(sales, 'contracts-application-errors');

    await sales.getByLabel('会社名・団体名', { exact: true }).fill(company);
    await sales.getByLabel('会社名・団体名（フリガナ）').fill('イーツーイーショウカイ');
    await sales.getByLabel('法人番号（13桁・任意）').fill('7000012050002');
    await sales.getByLabel('日本国内の法人・団体です（第9条2項5号）').check();
    await sales.getByLabel('郵便番号').fill('530-0001');
    await sales.getByLabel('所在地').fill('大阪府大阪市北区梅田1-1-1');
    await sales.getByLabel('電話番号').fill('06-1234-5678');
    await sales.getByLabel('氏名', { exact: true }).fill('招待 花子');
    await sales.getByLabel('部署', { exact: true }).fill('総務部');
    await sales.getByLabel('メールアドレス', { exact: true }).fill(adminEmail);
    await sales.getByLabel('ライセンス数（勤務者のアカウント数）').fill('25');
    await sales.getByLabel('卸価格（年額・当社から販売店へ請求）').fill('300000');
    await sales.getByLabel('販売価格（年額・販売店からお客様へ請求）').fill('360000');
    // 第9条1項: no application without the customer's agreement to the terms.
    await sales.getByRole('button', { name: '申し込む' }).click();
    await expect.poll(() => sales.locator('.tw-field-error').last().textContent()).toBe('お客様の約款への同意を確認してください（第9条1項）。');
    await sales.getByLabel('お客様がサービス約款に同意していることを確認しました（第9条1項）').check();
    await sales.getByRole('button', { name: '申し込む' }).click();
    await sales.waitForURL(/\/applications\/[0-9a-f-]{36}\?submitted=1$/);
    const applicationUrl = sales.url().replace('?submitted=1', '');
    await expect.poll(() => sales.getByTestId('application-status').textContent()).toBe('審査中');
    await screenshot(sales, 'contracts-application-submitted');

    // Operator: sees it among the applications under review and accepts it.
    const operator = await signInToReseller('operator', 'operator@telework.example');
    await operator.getByRole('navigation').getByRole('link', { name: '申込' }).click();
    await operator.waitForURL(`${resellerUrl}/applications`);
    await expect.poll(() => operator.getByRole('link', { name: company }).count()).toBe(1);
    await screenshot(operator, 'contracts-operator-applications');
    await operator.getByRole('link', { name: company }).click();
    await operator.waitForURL(applicationUrl);
    await operator.getByTestId('accept-application').click();
    await operator.getByRole('dialog').getByTestId('confirm').click();
    await expect.poll(() => operator.getByTestId('accepted-summary').textContent(), { timeout: 15_000 }).toMatch(/^承諾しました。システムID TW-\d{6}、契約期間 /);
    const systemId = /TW-\d{6}/.exec((await operator.getByTestId('accepted-summary').textContent()) ?? '')?.[0] ?? '';
    created = { company, systemId };
    expect(await operator.getByTestId('accepted-summary').textContent()).toBe(`承諾しました。システムID ${systemId}、契約期間 ${expectedTerm()}。`);
    await expect.poll(() => operator.getByTestId('application-status').textContent()).toBe('承諾');
    await screenshot(operator, 'contracts-operator-accepted');

    // The contract, its seats and the annual invoice to the reseller (no Stripe key here: no Stripe wording, bank transfer and a PDF).
    await operator.getByTestId('open-contract').click();
    await operator.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await expect.poll(() => operator.getByTestId('contract-seats').textContent()).toBe('ライセンス: 使用 0 / 上限 25');
    const invoiceRow = operator.getByTestId('invoice-table').locator('tbody tr').first();
    await expect.poll(() => invoiceRow.textContent()).toContain('年間ライセンス料');
    expect(await invoiceRow.textContent()).toContain('330,000円');
    expect(await invoiceRow.textContent()).not.toContain('未送信');
    expect(await operator.getByTestId('bank-transfer').textContent()).toContain('お振込先');
    const pdfHref = (await invoiceRow.locator('[data-testid^="invoice-pdf-"]').getAttribute('href')) ?? '';
    const pdf = await operator.request.get(`${resellerUrl}${pdfHref}`);
    expect([pdf.status(), pdf.headers()['content-type'], (await pdf.body()).subarray(0, 5).toString()]).toEqual([200, 'application/pdf', '%PDF-']);
    await invoiceRow.getByRole('button').first().click();
    const detail = operator.locator('[data-testid^="invoice-detail-"]');
    await expect.poll(() => detail.textContent()).toContain('登録番号（適格請求書発行事業者）: T');
    expect(await detail.textContent()).toContain('30,000円');
    expect(await operator.getByTestId('admin-access-admin').textContent()).toMatch(/^招待中/);
    await screenshot(operator, 'contracts-operator-customer');

    // The reseller sees the decision.
    await sales.goto(applicationUrl);
    await expect.poll(() => sales.getByTestId('application-status').textContent()).toBe('承諾');

    // The administrator's invitation arrives over SMTP; the link opens the console's invitation page.
    const mail = await waitForMail(adminEmail, (m) => (m.subject ?? '').includes('ご利用開始'));
    expect(mail.text).toContain(`システムID: ${systemId} / ログインID: admin`);
    const link = /(https?:\/\/\S+\/invite\/\S+)/.exec(mail.text ?? '')?.[1] ?? '';
    expect(link.startsWith(`${consoleUrl}/invite/`)).toBe(true);

    const admin = await newPage();
    await admin.goto(link);
    await admin.getByLabel('パスワード（10文字以上）').fill('Hanako-e2e-2026!');
    await admin.getByLabel('パスワード（確認）').fill('Hanako-e2e-2027!');
    await admin.getByRole('button', { name: 'パスワードを設定' }).click();
    await expect.poll(() => admin.locator('#invite-confirm-error').textContent()).toBe('パスワードが一致しません');
    await admin.getByLabel('パスワード（確認）').fill('Hanako-e2e-2026!');
    await admin.getByRole('button', { name: 'パスワードを設定' }).click();
    await expect.poll(() => admin.getByTestId('invite-system-id').textContent()).toBe(systemId);
    expect(await admin.getByTestId('invite-login-id').textContent()).toBe('admin');
    await screenshot(admin, 'contracts-invitation-done');

    await admin.getByRole('link', { name: 'サインイン画面へ' }).click();
    await admin.waitForURL(`${consoleUrl}/sign-in`);
    await admin.getByLabel('システムID').fill(systemId);
    await admin.getByLabel('ユーザID').fill('admin');
    await admin.getByLabel('パスワード').fill('Hanako-e2e-2026!');
    await admin.getByRole('button', { name: 'サインイン' }).click();
    await admin.waitForURL(`${consoleUrl}/`);
    await expect.poll(() => admin.getByTestId('home-title').textContent()).toBe('ようこそ、招待 花子 さん');

    // The licence: term and seats, on the contract page.
    await admin.getByRole('navigation').getByRole('link', { name: 'ご契約' }).click();
    await admin.waitForURL(`${consoleUrl}/contract`);
    await expect.poll(() => admin.getByTestId('contract-seats').textContent()).toBe('ライセンス: 使用 0 / 上限 25');
    expect(await admin.locator('[data-testid^="contract-term-"]').first().textContent()).toBe(expectedTerm());
    const page = (await admin.textContent('main')) ?? '';
    expect(page).toContain('販売店経由のご契約です');
    // A reseller's customer sees its reseller's price, never the wholesale price or invoice.
    expect(page).toContain('360,000円');
    expect(page).not.toContain('300,000円');
    expect(page).toContain('請求書はまだありません');
    await screenshot(admin, 'contracts-console-contract');

    // The link worked once.
    const again = await newPage();
    await again.goto(link);
    await again.getByLabel('パスワード（10文字以上）').fill('Another-e2e-2026!');
    await again.getByLabel('パスワード（確認）').fill('Another-e2e-2026!');
    await again.getByRole('button', { name: 'パスワードを設定' }).click();
    await expect.poll(() => again.getByRole('alert').first().textContent()).toBe('このリンクは無効か、使用済みか、期限切れです。販売店または当社に招待の再送をご依頼ください。');
  });

  it('第11条/第12条/第19条: the reseller asks for seats and files a termination whose end date is shown first; the operator accepts the seats, suspends and resumes', async () => {
    if (!created) throw new Error('the previous test did not create the customer');
    const { company, systemId } = created;
    const sales = await signInToReseller('resellerStaff', 'sales@mirai-reseller.example');
    await sales.getByRole('navigation').getByRole('link', { name: '顧客' }).click();
    await sales.waitForURL(`${resellerUrl}/customers`);
    await expect.poll(() => sales.getByTestId(`customer-seats-${systemId}`).textContent()).toBe('0 / 25');
    await screenshot(sales, 'contracts-reseller-customers');
    await sales.getByRole('link', { name: company }).click();
    await sales.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    const customerUrl = sales.url();

    // 第11条: five more seats, decided by the provider.
    await sales.getByRole('button', { name: 'ライセンス追加を申し込む' }).click();
    await sales.getByRole('dialog').getByLabel('追加するライセンス数').fill('5');
    await sales.getByRole('dialog').getByRole('button', { name: 'ライセンス追加を申し込む' }).click();
    await expect.poll(() => sales.getByRole('dialog').getByRole('status').textContent()).toBe('ライセンス追加（5席）を申し込みました。当社の審査後に反映されます。');
    await sales.getByRole('dialog').getByRole('button', { name: '閉じる' }).click();
    await expect.poll(() => sales.locator('[data-testid^="change-"]').first().textContent()).toBe('審査中');

    // 第12条1項: ten days is too short and cannot be sent; 45 days ends at the end of next month.
    await sales.getByRole('button', { name: '解約を申し込む' }).click();
    const dialog = sales.getByRole('dialog');
    await dialog.getByLabel('終了希望日').fill(isoInDays(10));
    await expect.poll(() => dialog.getByTestId('termination-preview').textContent()).toBe(
      `終了希望日まで 10日しかありません。30日以上前の申込みが必要です（第12条1項）。最も早い終了希望日: ${jaDay(Date.parse(`${isoInDays(30)}T00:00:00Z`))}`,
    );
    expect(await dialog.getByRole('button', { name: '解約を申し込む' }).isDisabled()).toBe(true);
    await screenshot(sales, 'contracts-termination-too-short');
    await dialog.getByLabel('終了希望日').fill(isoInDays(45));
    await expect.poll(() => dialog.getByTestId('termination-preview').textContent()).toMatch(new RegExp(`^この申込での終了日: ${endOfNextMonth()}（終了希望日まで 45日）`));
    await dialog.getByRole('button', { name: '解約を申し込む' }).click();
    await expect.poll(() => dialog.getByRole('alert').last().textContent()).toBe(`${endOfNextMonth()} をもって利用契約が終了します。申込みは取り消せません。`);
    await dialog.getByTestId('confirm').click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe(`解約を受け付けました。${endOfNextMonth()} をもって終了します。`);
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await expect.poll(() => sales.locator('[data-testid^="contract-status-"]').first().textContent()).toBe('解約予定');
    await screenshot(sales, 'contracts-reseller-customer');

    // Operator: accepts the seats (the allowance grows at once), suspends (第19条) and resumes.
    const operator = await signInToReseller('operator', 'operator@telework.example');
    await operator.goto(customerUrl);
    await operator.locator('[data-testid^="accept-change-"]').click();
    await operator.getByRole('dialog').getByTestId('confirm').click();
    await expect.poll(() => operator.getByTestId('contract-seats').textContent()).toBe('ライセンス: 使用 0 / 上限 30');
    await operator.getByRole('button', { name: '利用を停止する（第19条）' }).click();
    await operator.getByRole('dialog').getByLabel('停止の理由（記録されます）').fill('E2E: 規約違反の確認中');
    await operator.getByRole('dialog').getByTestId('confirm').click();
    await expect.poll(() => operator.getByTestId('tenant-status').textContent()).toBe('停止中');
    await screenshot(operator, 'contracts-operator-suspended');
    await operator.getByRole('button', { name: '利用を再開する' }).click();
    await operator.getByRole('dialog').getByTestId('confirm').click();
    await expect.poll(() => operator.getByTestId('tenant-status').textContent()).toBe('利用中');
  });
});
