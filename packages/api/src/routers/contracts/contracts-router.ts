import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { businessDate, businessInstant } from '../../validation/bounds';
import { acceptApplication, getApplication, listApplications, rejectApplication, submitApplication, withdrawApplication } from '../../contracts/applications';
import { consoleAdministrators, listAdministrators, resendInvitation } from '../../contracts/administrators';
import { acceptChangeRequest, rejectChangeRequest, submitAddSeats } from '../../contracts/change-requests';
import { contractOverview, customerContractOverview, listContractSummaries } from '../../contracts/contract-view';
import { acceptInvitation } from '../../contracts/invitations';
import { checkTerminationNotice, planProviderTermination } from '../../contracts/rules';
import { submitDetailsChange } from '../../contracts/details-change';
import { applicationInputSchema, detailsChangeSchema, rejectInputSchema } from '../../contracts/schemas';
import { renewContract, requestRenewal } from '../../contracts/renewal';
import { requestCustomerTermination, resumeTenant, suspendTenant, terminateByProvider } from '../../contracts/termination';
import { stripeFromEnv } from '../../billing/stripe-client';
import { getMailer } from '../../mail/mailer';
import { adminProcedure, operatorProcedure, publicProcedure, resellerProcedure } from '../../trpc';
import { newPassword } from '../users/schemas';

const byId = z.strictObject({ id: z.uuid() });
const byTenant = z.strictObject({ tenantId: z.uuid() });
const statusFilter = z.strictObject({ status: z.enum(['SUBMITTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN']).optional() }).default({});
const terminationInput = z.strictObject({ tenantId: z.uuid(), contractId: z.uuid(), desiredEndDate: businessDate, note: z.string().trim().max(1000).optional() });
const addSeats = z.strictObject({ tenantId: z.uuid(), contractId: z.uuid(), seats: z.number().int().min(1).max(100_000), note: z.string().trim().max(1000).optional() });
const changeRef = z.strictObject({ tenantId: z.uuid(), id: z.uuid() });
const withdrawInput = z.strictObject({ id: z.uuid(), note: z.string().trim().max(1000).optional() });
const renewalInput = z.strictObject({ tenantId: z.uuid(), contractId: z.uuid(), seats: z.number().int().min(1).max(100_000).optional(), note: z.string().trim().max(1000).optional() });
const deps = () => ({ mailer: getMailer(), stripe: stripeFromEnv() });
// 第12条1項 as the rule gives it today: the end date, or the refusal and the earliest date that would do.
const terminationPreview = z.strictObject({ desiredEndDate: businessDate });
const providerCause = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.enum(['prohibited_act', 'insolvency', 'anti_social_forces', 'licensor_contract_ended', 'with_notice']) }),
  z.strictObject({ kind: z.literal('uncured_breach'), demandSentAt: businessInstant, cureDeadline: businessInstant }),
]);

/** Provider operators: every channel's applications, decisions, provider terminations and suspensions. */
export const operatorContractsRouter = {
  applications: operatorProcedure.input(statusFilter).query(({ ctx, input }) => listApplications(ctx.db, input)),
  application: operatorProcedure.input(byId).query(({ ctx, input }) => getApplication(ctx.db, input)),
  submitDirect: operatorProcedure.input(applicationInputSchema).mutation(({ ctx, input }) => submitApplication(ctx.db, { kind: 'OPERATOR', id: ctx.operator.id }, input)),
  accept: operatorProcedure.input(byId).mutation(({ ctx, input }) => acceptApplication(ctx.db, { mailer: getMailer(), stripe: stripeFromEnv() }, ctx.operator, input)),
  reject: operatorProcedure.input(rejectInputSchema).mutation(({ ctx, input }) => rejectApplication(ctx.db, getMailer(), { kind: 'OPERATOR', id: ctx.operator.id }, input)),
  withdraw: operatorProcedure.input(withdrawInput).mutation(({ ctx, input }) => withdrawApplication(ctx.db, getMailer(), { kind: 'OPERATOR', id: ctx.operator.id }, input)),
  summaries: operatorProcedure.query(({ ctx }) => listContractSummaries(ctx.db)),
  overview: operatorProcedure.input(byTenant).query(({ ctx, input }) => contractOverview(ctx.db, input)),
  administrators: operatorProcedure.input(byTenant).query(({ ctx, input }) => listAdministrators(ctx.db, input)),
  resendInvitation: operatorProcedure
    .input(z.strictObject({ tenantId: z.uuid(), userId: z.uuid() }))
    .mutation(({ ctx, input }) => resendInvitation(ctx.db, getMailer(), ctx.operator, input)),
  terminationPreview: operatorProcedure
    .input(z.strictObject({ cause: providerCause, endDate: businessDate.optional() }))
    .query(({ input }) => planProviderTermination(input.cause, new Date(), input.endDate)),
  terminate: operatorProcedure
    .input(z.strictObject({ tenantId: z.uuid(), contractId: z.uuid(), cause: providerCause, endDate: businessDate.optional(), note: z.string().max(1000).optional() }))
    .mutation(({ ctx, input }) => terminateByProvider(ctx.db, getMailer(), ctx.operator, input)),
  suspend: operatorProcedure
    .input(z.strictObject({ tenantId: z.uuid(), reason: z.string().trim().min(1).max(1000) }))
    .mutation(({ ctx, input }) => suspendTenant(ctx.db, getMailer(), ctx.operator, input)),
  resume: operatorProcedure.input(byTenant).mutation(({ ctx, input }) => resumeTenant(ctx.db, getMailer(), ctx.operator, input)),
  renew: operatorProcedure
    .input(z.strictObject({ tenantId: z.uuid(), contractId: z.uuid(), seats: z.number().int().min(1).max(100_000).optional(), annualFee: z.number().int().min(0).max(1_000_000_000).optional(), licenceEndsOn: businessDate.optional() }))
    .mutation(({ ctx, input }) => renewContract(ctx.db, deps(), ctx.operator, input)),
  acceptChange: operatorProcedure.input(changeRef).mutation(({ ctx, input }) => acceptChangeRequest(ctx.db, deps(), ctx.operator, input)),
  rejectChange: operatorProcedure
    .input(changeRef.extend({ reason: rejectInputSchema.shape.reason, note: z.string().trim().max(1000).optional() }))
    .mutation(({ ctx, input }) => rejectChangeRequest(ctx.db, getMailer(), ctx.operator, input)),
} satisfies TRPCRouterRecord;

/** Reseller staff: their own applications and customers (RLS limits every row to the reseller's channel). */
export const resellerContractsRouter = {
  applications: resellerProcedure.input(statusFilter).query(({ ctx, input }) => listApplications(ctx.db, input)),
  application: resellerProcedure.input(byId).query(({ ctx, input }) => getApplication(ctx.db, input)),
  submit: resellerProcedure
    .input(applicationInputSchema)
    .mutation(({ ctx, input }) => submitApplication(ctx.db, { kind: 'RESELLER_STAFF', id: ctx.staff.id, resellerId: ctx.resellerId }, input)),
  // 第9条2項: the reseller may refuse an application it took, or withdraw it at the customer's request.
  reject: resellerProcedure
    .input(rejectInputSchema)
    .mutation(({ ctx, input }) => rejectApplication(ctx.db, getMailer(), { kind: 'RESELLER_STAFF', id: ctx.staff.id, resellerId: ctx.resellerId }, input)),
  withdraw: resellerProcedure
    .input(withdrawInput)
    .mutation(({ ctx, input }) => withdrawApplication(ctx.db, getMailer(), { kind: 'RESELLER_STAFF', id: ctx.staff.id, resellerId: ctx.resellerId }, input)),
  requestRenewal: resellerProcedure
    .input(renewalInput)
    .mutation(({ ctx, input }) => requestRenewal(ctx.db, { kind: 'RESELLER_STAFF', id: ctx.staff.id, resellerId: ctx.resellerId }, input)),
  requestSeats: resellerProcedure
    .input(addSeats)
    .mutation(({ ctx, input }) => submitAddSeats(ctx.db, { kind: 'RESELLER_STAFF', id: ctx.staff.id, resellerId: ctx.resellerId }, input)),
  summaries: resellerProcedure.query(({ ctx }) => listContractSummaries(ctx.db)),
  overview: resellerProcedure.input(byTenant).query(({ ctx, input }) => contractOverview(ctx.db, input)),
  terminationPreview: resellerProcedure.input(terminationPreview).query(({ input }) => checkTerminationNotice(new Date(), input.desiredEndDate)),
  requestTermination: resellerProcedure
    .input(terminationInput)
    .mutation(({ ctx, input }) => requestCustomerTermination(ctx.db, getMailer(), { kind: 'RESELLER_STAFF', id: ctx.staff.id, resellerId: ctx.resellerId }, input)),
} satisfies TRPCRouterRecord;

/** Console: tenant administrators see their contract and may end a direct contract (第12条1項). */
export const consoleContractsRouter = {
  mine: adminProcedure.query(({ ctx }) => customerContractOverview(ctx.db, { tenantId: ctx.tenantId })),
  terminationPreview: adminProcedure.input(terminationPreview).query(({ input }) => checkTerminationNotice(new Date(), input.desiredEndDate)),
  requestTermination: adminProcedure
    .input(terminationInput.omit({ tenantId: true }))
    .mutation(({ ctx, input }) => requestCustomerTermination(ctx.db, getMailer(), { kind: 'USER', id: ctx.user.id }, { ...input, tenantId: ctx.tenantId })),
  requestRenewal: adminProcedure
    .input(renewalInput.omit({ tenantId: true }))
    .mutation(({ ctx, input }) => requestRenewal(ctx.db, { kind: 'USER', id: ctx.user.id }, { ...input, tenantId: ctx.tenantId })),
  // 第4条3項: changes of name, address, phone or registered administrators, reported to the provider.
  administrators: adminProcedure.query(({ ctx }) => consoleAdministrators(ctx.db, ctx.tenantId)),
  reportDetails: adminProcedure
    .input(detailsChangeSchema)
    .mutation(({ ctx, input }) => submitDetailsChange(ctx.db, getMailer(), { tenantId: ctx.tenantId, userId: ctx.user.id }, input)),
  requestSeats: adminProcedure
    .input(addSeats.omit({ tenantId: true }))
    .mutation(({ ctx, input }) => submitAddSeats(ctx.db, { kind: 'USER', id: ctx.user.id }, { ...input, tenantId: ctx.tenantId })),
  invitations: {
    accept: publicProcedure
      .input(z.strictObject({ token: z.string().min(10).max(200), password: newPassword }))
      .mutation(({ ctx, input }) => acceptInvitation(ctx.db, input)),
  },
} satisfies TRPCRouterRecord;
