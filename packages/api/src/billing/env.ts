import { z } from 'zod';

// Who issues the provider's qualified invoices (適格請求書) and where customers transfer the money (振込先),
// and how long before a term ends the renewal notice goes out. The defaults are the demo provider's.
const schema = z.object({
  INVOICE_ISSUER_NAME: z.string().trim().min(1).max(100).default('テレワークサポーター運営株式会社'),
  INVOICE_ISSUER_POSTAL_CODE: z.string().regex(/^\d{3}-\d{4}$/).default('100-0005'),
  INVOICE_ISSUER_ADDRESS: z.string().trim().min(1).max(200).default('東京都千代田区丸の内1-1-1'),
  INVOICE_ISSUER_PHONE: z.string().regex(/^[0-9+\-() ]{6,20}$/).default('03-0000-0000'),
  INVOICE_BANK_NAME: z.string().trim().min(1).max(60).default('みらい銀行'),
  INVOICE_BANK_BRANCH: z.string().trim().min(1).max(60).default('丸の内支店'),
  INVOICE_BANK_ACCOUNT_TYPE: z.enum(['普通', '当座']).default('普通'),
  INVOICE_BANK_ACCOUNT_NUMBER: z.string().regex(/^\d{7}$/).default('1234567'),
  INVOICE_BANK_ACCOUNT_HOLDER: z.string().trim().min(1).max(60).default('テレワークサポーターウンエイ（カ'),
  // Days before the term end on which administrators and the reseller are told the contract ends unless renewed.
  RENEWAL_NOTICE_DAYS: z.coerce.number().int().min(31).max(180).default(60),
});

export const billingEnv = schema.parse(process.env);
