import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { createContext } from '../context';
import { consoleRouter } from '../console-router';
import { CONTENT_TYPES, encodeTable, exportWorkReport } from '../analytics/export-report';
import { payrollColumns } from '../analytics/report-tables';
import { boardColumns } from '../work/board-table';
import { incidentColumns } from '../evidence/incident-table';
import { jstDayRange } from '../calendar/jst';
import { clientIp } from './client-ip';
import { getServerDb } from './db';
import { businessDate } from '../validation/bounds';
import { jstFileStamp } from '../calendar';

const query = z.object({
  from: businessDate,
  to: businessDate,
  groupId: z.uuid().optional(),
  userId: z.uuid().optional(),
  table: z.enum(['workers', 'days', 'tasks']).default('workers'),
  format: z.enum(['csv', 'csv-sjis', 'xlsx']).default('csv'),
  lang: z.enum(['ja', 'en']).default('ja'),
});

const STATUS: Partial<Record<TRPCError['code'], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400, CONFLICT: 409 };

/**
 * GET /api/export/work?from&to&groupId|userId&table&format&lang — the work report as CSV (UTF-8 with
 * BOM), CSV in Shift_JIS (Excel in Japan) or XLSX. It runs the same `analytics.work` procedure as the
 * screen, so the same authorisation and scoping apply.
 */
export async function handleWorkExport(req: Request): Promise<Response> {
  const params = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!params.success) return Response.json({ error: 'VALIDATION', fieldErrors: z.flattenError(params.error).fieldErrors }, { status: 400 });
  const ctx = await createContext({ db: getServerDb(), app: 'console', headers: req.headers, resHeaders: new Headers(), ip: clientIp(req.headers) });
  try {
    const { from, to, groupId, userId, table, format, lang } = params.data;
    const report = await consoleRouter.createCaller(ctx).analytics.work({ from, to, groupId, userId });
    const file = await exportWorkReport(report, table, format, lang);
    return new Response(new Uint8Array(file.body), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof TRPCError) return Response.json({ error: error.code }, { status: STATUS[error.code] ?? 500 });
    throw error;
  }
}

const boardQuery = z.object({
  groupId: z.uuid().optional(),
  format: z.enum(['csv', 'csv-sjis', 'xlsx']).default('csv'),
  lang: z.enum(['ja', 'en']).default('ja'),
});

/** GET /api/export/board?groupId&format&lang — the live status board, through the same `work.board` procedure. */
export async function handleBoardExport(req: Request): Promise<Response> {
  const params = boardQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!params.success) return Response.json({ error: 'VALIDATION', fieldErrors: z.flattenError(params.error).fieldErrors }, { status: 400 });
  const ctx = await createContext({ db: getServerDb(), app: 'console', headers: req.headers, resHeaders: new Headers(), ip: clientIp(req.headers) });
  try {
    const { groupId, format, lang } = params.data;
    const board = await consoleRouter.createCaller(ctx).work.board({ groupId });
    const body = await encodeTable(format, boardColumns(lang), board.workers, 'board');
    const stamp = jstFileStamp(board.generatedAt);
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': CONTENT_TYPES[format],
        'Content-Disposition': `attachment; filename="board-${stamp}${format === 'csv-sjis' ? '-sjis' : ''}.${format === 'xlsx' ? 'xlsx' : 'csv'}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof TRPCError) return Response.json({ error: error.code }, { status: STATUS[error.code] ?? 500 });
    throw error;
  }
}

const payrollQuery = z.object({
  groupId: z.uuid(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  format: z.enum(['csv', 'csv-sjis', 'xlsx']).default('csv'),
});

/**
 * GET /api/export/payroll?groupId&month&format — a closed month's payroll file of a group in the fixed
 * layout (docs/attendance-rules.md), through the `monthClose.payroll` procedure (administrators; 409
 * while the month is not closed).
 */
export async function handlePayrollExport(req: Request): Promise<Response> {
  const params = payrollQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!params.success) return Response.json({ error: 'VALIDATION', fieldErrors: z.flattenError(params.error).fieldErrors }, { status: 400 });
  const ctx = await createContext({ db: getServerDb(), app: 'console', headers: req.headers, resHeaders: new Headers(), ip: clientIp(req.headers) });
  try {
    const { groupId, month, format } = params.data;
    const payroll = await consoleRouter.createCaller(ctx).monthClose.payroll({ groupId, month });
    const body = await encodeTable(format, payrollColumns(), payroll.rows, `payroll-${month}`);
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': CONTENT_TYPES[format],
        'Content-Disposition': `attachment; filename="payroll-${month}-${groupId.slice(0, 8)}${format === 'csv-sjis' ? '-sjis' : ''}.${format === 'xlsx' ? 'xlsx' : 'csv'}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof TRPCError) return Response.json({ error: error.code }, { status: STATUS[error.code] ?? 500 });
    throw error;
  }
}

const incidentQuery = z
  .object({
    kind: z.enum(['PEEKING', 'IMPERSONATION', 'SPOOF']).optional(),
    status: z.enum(['OPEN', 'JUDGED']).optional(),
    userId: z.uuid().optional(),
    groupId: z.uuid().optional(),
    from: businessDate.optional(),
    to: businessDate.optional(),
    format: z.enum(['csv', 'csv-sjis', 'xlsx']).default('csv'),
    lang: z.enum(['ja', 'en']).default('ja'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'The end day must not be before the start day.' });

/** More rows than this are refused rather than cut off silently: the filters narrow the list. */
export const INCIDENT_EXPORT_MAX_ROWS = 20_000;
const PAGE = 200;

/**
 * GET /api/export/incidents?kind&status&userId&groupId&from&to&format&lang — the incident list with the
 * screen's filters (from/to: Tokyo days, inclusive), page by page through the same `evidence.incidents`
 * procedure, so a manager exports his groups' incidents only.
 */
export async function handleIncidentExport(req: Request, now = new Date()): Promise<Response> {
  const params = incidentQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!params.success) return Response.json({ error: 'VALIDATION', fieldErrors: z.flattenError(params.error).fieldErrors }, { status: 400 });
  const ctx = await createContext({ db: getServerDb(), app: 'console', headers: req.headers, resHeaders: new Headers(), ip: clientIp(req.headers) });
  try {
    const { format, lang, from, to, ...filters } = params.data;
    const range = { ...(from ? { from: jstDayRange(from).start } : {}), ...(to ? { to: jstDayRange(to).end } : {}) };
    const caller = consoleRouter.createCaller(ctx);
    const rows: Awaited<ReturnType<typeof caller.evidence.incidents>>['items'] = [];
    let cursor: string | undefined;
    do {
      const page = await caller.evidence.incidents({ ...filters, ...range, limit: PAGE, ...(cursor ? { cursor } : {}) });
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      if (rows.length > INCIDENT_EXPORT_MAX_ROWS) return Response.json({ error: 'TOO_MANY_ROWS', max: INCIDENT_EXPORT_MAX_ROWS }, { status: 400 });
    } while (cursor);
    const body = await encodeTable(format, incidentColumns(lang), rows, lang === 'ja' ? 'インシデント' : 'incidents');
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': CONTENT_TYPES[format],
        'Content-Disposition': `attachment; filename="incidents-${jstFileStamp(now)}${format === 'csv-sjis' ? '-sjis' : ''}.${format === 'xlsx' ? 'xlsx' : 'csv'}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof TRPCError) return Response.json({ error: error.code }, { status: STATUS[error.code] ?? 500 });
    throw error;
  }
}
