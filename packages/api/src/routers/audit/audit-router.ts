import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { businessInstant } from '../../validation/bounds';
import { AUDIT_TARGET_TYPES } from '../../audit/actions';
import { listProviderAudit, listTenantAudit } from '../../audit/viewer';
import { exportProviderAuditCsv, exportTenantAuditCsv } from '../../audit/export';
import { adminProcedure, operatorProcedure } from '../../trpc';

const filter = z.strictObject({
  action: z.string().trim().max(100).optional(),
  actorId: z.uuid().optional(),
  targetType: z.enum(AUDIT_TARGET_TYPES).optional(),
  from: businessInstant.optional(),
  to: businessInstant.optional(),
  cursor: z.uuid().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** The same filter without paging, and the file's encoding and language (its labels and details). */
const exportInput = filter.omit({ cursor: true, limit: true }).extend({ format: z.enum(['csv', 'csv-sjis']).default('csv'), lang: z.enum(['ja', 'en']).default('ja') });

/** Console: an administrator reads their organisation's audit log (including refused foreign access). */
export const auditRouter = {
  list: adminProcedure.input(filter.default({ limit: 50 })).query(({ ctx, input }) => listTenantAudit(ctx.db, { tenantId: ctx.tenantId, ...input })),
  /** The filtered log as a CSV file (base64), as the screen shows it. */
  export: adminProcedure
    .input(exportInput.default({ format: 'csv', lang: 'ja' }))
    .query(({ ctx, input: { format, lang, ...filter } }) => exportTenantAuditCsv(ctx.db, { tenantId: ctx.tenantId, filter, format, lang, now: new Date() })),
} satisfies TRPCRouterRecord;

/** Reseller app: operators read provider-side actions. */
export const operatorAuditRouter = {
  list: operatorProcedure
    .input(filter.extend({ tenantId: z.uuid().optional() }).default({ limit: 50 }))
    .query(({ ctx, input }) => listProviderAudit(ctx.db, input)),
  export: operatorProcedure
    .input(exportInput.extend({ tenantId: z.uuid().optional() }).default({ format: 'csv', lang: 'ja' }))
    .query(({ ctx, input: { format, lang, ...filter } }) => exportProviderAuditCsv(ctx.db, { filter, format, lang, now: new Date() })),
} satisfies TRPCRouterRecord;
