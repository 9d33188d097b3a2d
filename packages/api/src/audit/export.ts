import type { Tx } from '@telework/db';
import { hasMessage, translate, type Language, type MessageKey } from '@telework/ui/i18n';
import { jstFileStamp } from '../calendar/jst';
import { toCsvShiftJis, toCsvUtf8Bom, type Column } from '../exports';
import { exportProviderAudit, exportTenantAudit, type AuditFilter } from './viewer';

// The audit log as a CSV file, as the screens show it: JST times, labels for actions and targets,
// the details in words (details.ts). UTF-8 with a BOM (Excel reads it as UTF-8) or Shift_JIS, like
// the other exports. The file name carries the JST time of the export.

export type AuditExportFormat = 'csv' | 'csv-sjis';

/** More rows than a person reads; a narrower filter gets the rest. */
export const AUDIT_EXPORT_CAP = 10_000;

const CONTENT_TYPE: Record<AuditExportFormat, string> = { csv: 'text/csv; charset=utf-8', 'csv-sjis': 'text/csv; charset=Shift_JIS' };

const label = (lang: Language, key: string, fallback: string) => (hasMessage(key) ? translate(lang, key) : fallback);

interface BaseRow {
  createdAt: Date;
  action: string;
  actorKind: string;
  actorName: string | null;
  targetType: string | null;
  ip: string | null;
  detailsText: Record<Language, string>;
}

function target(lang: Language, r: BaseRow & { targetName?: string | null }) {
  if (!r.targetType) return '';
  const type = label(lang, `audit.targetType.${r.targetType}`, r.targetType);
  return r.targetName ? `${type}: ${r.targetName}` : type;
}

function baseColumns<R extends BaseRow>(lang: Language, actor: (r: R) => string): Column<R>[] {
  const t = (key: MessageKey) => translate(lang, key);
  return [
    { header: t('audit.at'), value: (r) => r.createdAt },
    { header: t('audit.actor'), value: actor },
    { header: t('audit.action'), value: (r) => label(lang, `audit.action.${r.action}`, r.action) },
    { header: t('audit.target'), value: (r) => target(lang, r) },
    { header: t('audit.details'), value: (r) => r.detailsText[lang] },
    { header: t('audit.ip'), value: (r) => r.ip ?? '' },
  ];
}

function encode<R>(format: AuditExportFormat, columns: Column<R>[], rows: R[]): Buffer {
  return format === 'csv' ? toCsvUtf8Bom(columns, rows) : toCsvShiftJis(columns, rows);
}

function file(name: string, format: AuditExportFormat, body: Buffer, now: Date, truncated: boolean) {
  return {
    filename: `${name}-${jstFileStamp(now)}${format === 'csv-sjis' ? '-sjis' : ''}.csv`,
    contentType: CONTENT_TYPE[format],
    base64: body.toString('base64'),
    truncated,
    cap: AUDIT_EXPORT_CAP,
  };
}

type ExportFilter = Omit<AuditFilter, 'cursor' | 'limit'>;

/** An administrator's export of their organisation's log (db: tenant scope). */
export async function exportTenantAuditCsv(db: Tx, args: { tenantId: string; filter: ExportFilter; format: AuditExportFormat; lang: Language; now: Date }) {
  const { rows, truncated } = await exportTenantAudit(db, { tenantId: args.tenantId, cap: AUDIT_EXPORT_CAP, ...args.filter });
  const { lang } = args;
  const actor = (r: (typeof rows)[number]) => (r.actorKind === 'USER' ? (r.actorName ?? translate(lang, 'audit.actor.unknown')) : label(lang, `audit.actor.${r.actorKind}`, r.actorKind));
  return file('audit-log', args.format, encode(args.format, baseColumns(lang, actor), rows), args.now, truncated);
}

/** Operators' export of the provider's log (db: operator scope), with the customer each entry is about. */
export async function exportProviderAuditCsv(db: Tx, args: { filter: ExportFilter & { tenantId?: string }; format: AuditExportFormat; lang: Language; now: Date }) {
  const { rows, truncated } = await exportProviderAudit(db, { cap: AUDIT_EXPORT_CAP, ...args.filter });
  const tenantIds = [...new Set(rows.flatMap((r) => (r.tenantId ? [r.tenantId] : [])))];
  const tenants = new Map((await db.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true, name: true, systemId: true } })).map((x) => [x.id, `${x.name}（${x.systemId}）`]));
  const { lang } = args;
  const kind = (k: string) => label(lang, `ops.audit.actorKind.${k}`, k);
  const actor = (r: (typeof rows)[number]) => (r.actorName ? `${kind(r.actorKind)} ${r.actorName}` : kind(r.actorKind));
  const columns: Column<(typeof rows)[number]>[] = baseColumns(lang, actor);
  columns.splice(1, 0, { header: translate(lang, 'ops.tenant'), value: (r) => (r.tenantId ? (tenants.get(r.tenantId) ?? '') : '') });
  return file('provider-audit-log', args.format, encode(args.format, columns, rows), args.now, truncated);
}
