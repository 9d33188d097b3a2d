import { z } from 'zod';
import { apiEnv } from '../env';
import { billingEnv } from './env';

/** The issuer of the provider's qualified invoices and its bank account (振込先), as printed on them. */
export const issuerSchema = z.object({
  name: z.string(),
  postalCode: z.string(),
  address: z.string(),
  phone: z.string(),
  registrationNumber: z.string(),
  bank: z.object({ name: z.string(), branch: z.string(), accountType: z.string(), accountNumber: z.string(), accountHolder: z.string() }),
});
export type Issuer = z.infer<typeof issuerSchema>;

/** The configured issuer now; stored on each invoice when it is issued, so a reprint shows what was sent. */
export function issuerSnapshot(): Issuer {
  return {
    name: billingEnv.INVOICE_ISSUER_NAME,
    postalCode: billingEnv.INVOICE_ISSUER_POSTAL_CODE,
    address: billingEnv.INVOICE_ISSUER_ADDRESS,
    phone: billingEnv.INVOICE_ISSUER_PHONE,
    registrationNumber: apiEnv.INVOICE_REGISTRATION_NUMBER,
    bank: {
      name: billingEnv.INVOICE_BANK_NAME,
      branch: billingEnv.INVOICE_BANK_BRANCH,
      accountType: billingEnv.INVOICE_BANK_ACCOUNT_TYPE,
      accountNumber: billingEnv.INVOICE_BANK_ACCOUNT_NUMBER,
      accountHolder: billingEnv.INVOICE_BANK_ACCOUNT_HOLDER,
    },
  };
}

/** The issuer printed on an invoice: its stored snapshot, or (for invoices issued before snapshots) today's, with the stored registration number. */
export function issuerOf(invoice: { issuer: unknown; registrationNumber: string }): Issuer {
  const stored = issuerSchema.safeParse(invoice.issuer);
  return stored.success ? stored.data : { ...issuerSnapshot(), registrationNumber: invoice.registrationNumber };
}
