import { z } from 'zod';
import { businessDate } from '../validation/bounds';
import { isValidCorporateNumber } from '../billing/rules/registration-number';

const isoDate = businessDate;

export const administratorSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  department: z.string().trim().max(100).optional(),
  email: z.email().max(254),
});

/** サービス申込書 (第9条1項): company details, administrators (第4条1項), seats, term, desired start. */
export const applicationInputSchema = z.strictObject({
  companyName: z.string().trim().min(1).max(200),
  companyNameKana: z.string().trim().max(200).optional(),
  // 法人番号: 13 digits whose first is a check digit over the other twelve (National Tax Agency rule).
  corporateNumber: z.string().regex(/^\d{13}$/).refine(isValidCorporateNumber, 'Invalid corporate number: check digit does not match').optional(),
  // 第9条2項5号: only entities established in Japan may apply (docs/domain.md), so a form that says
  // otherwise is refused when submitted; NOT_DOMESTIC_ENTITY rejection remains for a statement found false later.
  isDomesticEntity: z.boolean().refine((domestic) => domestic, 'Only entities established in Japan may apply (第9条2項5号)'),
  postalCode: z.string().regex(/^\d{3}-?\d{4}$/),
  address: z.string().trim().min(1).max(300),
  phone: z.string().regex(/^[0-9+\-() ]{6,20}$/),
  administrators: z.array(administratorSchema).min(1).max(5),
  seats: z.number().int().min(1).max(100_000),
  termMonths: z.number().int().min(1).max(60).default(12),
  desiredStartDate: isoDate,
  annualFee: z.number().int().min(0).max(1_000_000_000),
  /** Reseller channel only: the reseller's own price to its customer (recorded, never billed by us). */
  resellerAnnualPrice: z.number().int().min(0).max(1_000_000_000).optional(),
  // 第9条1項: the customer agrees to the terms when it applies; an application without it is not taken.
  agreedToTerms: z.literal(true, { error: 'The customer must agree to the terms of service' }),
});
export type ApplicationInput = z.infer<typeof applicationInputSchema>;

export const rejectionReasonSchema = z.enum(['FALSE_STATEMENT', 'PAST_SERIOUS_BREACH', 'UNSUITABLE', 'TECHNICALLY_DIFFICULT', 'NOT_DOMESTIC_ENTITY', 'OTHER']);

export const rejectInputSchema = z.strictObject({
  id: z.uuid(),
  reason: rejectionReasonSchema,
  note: z.string().trim().max(1000).optional(),
});

/** 第4条3項: what a customer reports as changed. Only the fields named change; administrators are users of the tenant. */
export const detailsChangeSchema = z
  .strictObject({
    companyName: z.string().trim().min(1).max(200).optional(),
    postalCode: z.string().regex(/^\d{3}-?\d{4}$/).optional(),
    address: z.string().trim().min(1).max(300).optional(),
    phone: z.string().regex(/^[0-9+\-() ]{6,20}$/).optional(),
    // The console administrators who are to be the registered administrators (第4条1項) from now on.
    administratorUserIds: z.array(z.uuid()).min(1).max(5).optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((d) => Object.entries(d).some(([k, v]) => k !== 'note' && v !== undefined), { message: 'Say what has changed', path: ['companyName'] });
export type DetailsChange = z.infer<typeof detailsChangeSchema>;
