// The shapes the contract screens show, as the API returns them (structural: any API row that has
// these fields fits). Calendar dates arrive as Date at midnight UTC.

export type ContractStatus = 'PENDING_START' | 'ACTIVE' | 'RENEWAL_OFFERED' | 'RENEWED' | 'SUSPENDED' | 'TERMINATION_SCHEDULED' | 'ENDED';
export type RequestStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN';
export type InvoiceStatus = 'DRAFT' | 'OPEN' | 'PARTIALLY_PAID' | 'PAID' | 'VOID' | 'PAYMENT_FAILED';
export type InvoiceKind = 'ANNUAL_LICENCE' | 'SEAT_ADD_ON' | 'LATE_INTEREST';
export type RejectionReason = 'FALSE_STATEMENT' | 'PAST_SERIOUS_BREACH' | 'UNSUITABLE' | 'TECHNICALLY_DIFFICULT' | 'NOT_DOMESTIC_ENTITY' | 'OTHER';
export type TerminationCause = 'CUSTOMER_REQUEST' | 'PROHIBITED_ACT' | 'INSOLVENCY' | 'UNCURED_BREACH' | 'PROVIDER_NOTICE' | 'SERVICE_END' | 'ANTI_SOCIAL_FORCES';

export const REJECTION_REASONS: RejectionReason[] = ['FALSE_STATEMENT', 'PAST_SERIOUS_BREACH', 'UNSUITABLE', 'TECHNICALLY_DIFFICULT', 'NOT_DOMESTIC_ENTITY', 'OTHER'];

export interface LicenceView {
  id: string;
  seats: number;
  isAddOn: boolean;
  termStart: Date;
  termEnd: Date;
}

export interface ChangeRequestView {
  id: string;
  kind: 'ADD_SEATS' | 'CHANGE_DETAILS' | 'RENEWAL';
  seatsDelta: number | null;
  /** What a report of changed details says (第4条3項), as stored. */
  details?: unknown;
  status: RequestStatus;
  rejectionReason: RejectionReason | null;
  effectiveDate: Date | null;
  createdAt: Date;
}

export interface TerminationView {
  id: string;
  initiator: 'CUSTOMER' | 'PROVIDER';
  cause: TerminationCause;
  receivedAt: Date;
  desiredEndDate: Date | null;
  endDate: Date;
  status: RequestStatus;
}

export interface ContractView {
  id: string;
  channel: 'DIRECT' | 'RESELLER';
  status: ContractStatus;
  startDate: Date;
  serviceStartDate: Date;
  termEndDate: Date;
  endDate: Date | null;
  endReason: 'TERM_END' | 'RENEWED' | 'CUSTOMER_TERMINATION' | 'PROVIDER_TERMINATION' | null;
  renewalNoticeSentAt: Date | null;
  suspendedAt: Date | null;
  /** Null where the viewer must not see the wholesale fee (the customer of a reseller). */
  annualFee: number | null;
  seatMonthlyFee: number;
  resellerAnnualPrice: number | null;
  renewalOfId: string | null;
  seatsAllowed: number;
  licences: LicenceView[];
  changeRequests: ChangeRequestView[];
  terminationRequests: TerminationView[];
}

export interface InvoiceLineView {
  id: string;
  description: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  taxRatePct: number;
}

export interface InvoiceView {
  id: string;
  tenantId: string;
  number: string;
  kind: InvoiceKind;
  billTo: 'CUSTOMER' | 'RESELLER';
  registrationNumber: string;
  issueDate: Date;
  dueDate: Date;
  periodStart: Date | null;
  periodEnd: Date | null;
  subtotal: number;
  tax: number;
  total: number;
  status: InvoiceStatus;
  sentToStripe: boolean;
  paidAt: Date | null;
  paymentFailedAt: Date | null;
  nextRetryAt: Date | null;
  lateFrom: Date | null;
  lateTo: Date | null;
  lines: InvoiceLineView[];
  payments: { id: string; amount: number; paidAt: Date; method: string }[];
  tenant?: { systemId: string; name: string };
}
