import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { businessInstant } from '../../validation/bounds';
import { getMailer } from '../../mail/mailer';
import { answerInquiry, closeInquiry, getInquiry, listInquiries, listRegisteredAdministrators, logPhoneInquiry, openInquiry, replyToInquiry } from '../../support/inquiries';
import { adminProcedure, operatorProcedure } from '../../trpc';

const status = z.enum(['OPEN', 'ANSWERED', 'CLOSED', 'AUTO_ACCEPTED']).optional();
const body = z.string().trim().min(1).max(20_000);
const ref = z.strictObject({ tenantId: z.uuid(), inquiryId: z.uuid() });

/** Console: inquiries of registered administrators (the service checks the registration, the system ID and the name). */
export const supportRouter = {
  open: adminProcedure
    .input(z.strictObject({ systemId: z.string().trim().min(1).max(50), administratorName: z.string().trim().min(1).max(100), subject: z.string().trim().min(1).max(200), body }))
    .mutation(({ ctx, input }) => openInquiry(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id, ip: ctx.meta.ip, now: new Date(), mailer: getMailer(), input })),
  reply: adminProcedure
    .input(z.strictObject({ inquiryId: z.uuid(), body }))
    .mutation(({ ctx, input }) => replyToInquiry(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id, ...input, now: new Date(), mailer: getMailer(), ip: ctx.meta.ip })),
  list: adminProcedure.input(z.strictObject({ status }).default({})).query(({ ctx, input }) => listInquiries(ctx.db, { tenantId: ctx.tenantId, status: input.status, now: new Date() })),
  get: adminProcedure.input(z.strictObject({ inquiryId: z.uuid() })).query(({ ctx, input }) => getInquiry(ctx.db, { tenantId: ctx.tenantId, inquiryId: input.inquiryId, now: new Date() })),
} satisfies TRPCRouterRecord;

/** Reseller app, operators: every tenant's inquiries, answers, phone log, closing. */
export const operatorInquiriesRouter = {
  list: operatorProcedure.input(z.strictObject({ status }).default({})).query(({ ctx, input }) => listInquiries(ctx.db, { status: input.status, now: new Date() })),
  get: operatorProcedure.input(ref).query(({ ctx, input }) => getInquiry(ctx.db, { ...input, now: new Date() })),
  answer: operatorProcedure
    .input(ref.extend({ body }))
    .mutation(({ ctx, input }) => answerInquiry(ctx.db, { operatorId: ctx.operator.id, ...input, now: new Date(), mailer: getMailer(), ip: ctx.meta.ip })),
  administrators: operatorProcedure.input(z.strictObject({ tenantId: z.uuid() })).query(({ ctx, input }) => listRegisteredAdministrators(ctx.db, input)),
  logPhone: operatorProcedure
    .input(z.strictObject({ tenantId: z.uuid(), administratorId: z.uuid(), subject: z.string().trim().min(1).max(200), body, receivedAt: businessInstant.nullish() }))
    .mutation(({ ctx, input }) => logPhoneInquiry(ctx.db, { operatorId: ctx.operator.id, now: new Date(), ip: ctx.meta.ip, input })),
  close: operatorProcedure.input(ref).mutation(({ ctx, input }) => closeInquiry(ctx.db, { operatorId: ctx.operator.id, ...input, now: new Date(), ip: ctx.meta.ip })),
} satisfies TRPCRouterRecord;
