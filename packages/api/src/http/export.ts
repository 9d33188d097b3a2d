import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { createContext } from '../context';
import { consoleRouter } from '../console-router';
import { CONTENT_TYPES, encodeTable, exportWorkReport } from '../analytics/export-report';
import { payrollColumns } from '../analytics/report-tables';
import { boardColumns } from '../work/board-table';
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
