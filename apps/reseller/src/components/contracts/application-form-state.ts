import type { inferRouterInputs } from '@trpc/server';
import { jstToday, numberOrMissing } from '@telework/ui';
import type { ResellerRouter } from '@telework/api/reseller';

type ApplicationInput = inferRouterInputs<ResellerRouter>['reseller']['contracts']['submit'];

// The application form keeps what was typed (strings); the API's zod schema judges it, and its field
// errors come back keyed the same way ("administrators.0.email"), so each shows under its field.

export interface AdministratorDraft {
  name: string;
  department: string;
  email: string;
}

export interface ApplicationDraft {
  companyName: string;
  companyNameKana: string;
  corporateNumber: string;
  isDomesticEntity: boolean;
  postalCode: string;
  address: string;
  phone: string;
  administrators: AdministratorDraft[];
  seats: string;
  termMonths: string;
  desiredStartDate: string;
  annualFee: string;
  resellerAnnualPrice: string;
  agreedToTerms: boolean;
}

export const MAX_ADMINISTRATORS = 5;

export const emptyAdministrator = (): AdministratorDraft => ({ name: '', department: '', email: '' });

export function emptyApplication(): ApplicationDraft {
  return {
    companyName: '', companyNameKana: '', corporateNumber: '', isDomesticEntity: false, postalCode: '', address: '', phone: '',
    administrators: [emptyAdministrator()], seats: '', termMonths: '12', desiredStartDate: jstToday(), annualFee: '', resellerAnnualPrice: '', agreedToTerms: false,
  };
}

const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());
/** The API input; `channel` decides whether the reseller's own price is part of it. */
export function applicationInput(d: ApplicationDraft, channel: 'RESELLER' | 'DIRECT'): ApplicationInput {
  return {
    companyName: d.companyName,
    companyNameKana: optional(d.companyNameKana),
    corporateNumber: optional(d.corporateNumber.replace(/[\s-]/g, '')),
    isDomesticEntity: d.isDomesticEntity,
    postalCode: d.postalCode.trim(),
    address: d.address,
    phone: d.phone.trim(),
    administrators: d.administrators.map((a) => ({ name: a.name, department: optional(a.department), email: a.email.trim() })),
    seats: numberOrMissing(d.seats),
    termMonths: numberOrMissing(d.termMonths),
    desiredStartDate: d.desiredStartDate,
    annualFee: numberOrMissing(d.annualFee),
    resellerAnnualPrice: channel === 'RESELLER' && d.resellerAnnualPrice.trim() !== '' ? numberOrMissing(d.resellerAnnualPrice) : undefined,
    // The API refuses anything but true (第9条1項) and names the field; the form sends what was ticked.
    agreedToTerms: d.agreedToTerms as true,
  };
}
