/**
 * tRPC setup, read top to bottom: context → init (transformer, error shape) → the procedure ladder
 *   public → authed → tenant (scoped transaction, narrowed ctx) → role-specific,
 *   plus operator, reseller and agent (device token) branches.
 * Every scoped procedure runs in one transaction whose row-level-security settings name exactly
 * what the caller may see; services receive that transaction as `db`.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import { applyScope, Prisma, type Db, type DbScope, type Tx, type UserRole } from '@telework/db';
import type { Context } from './context';
import { AppError, toTrpcError } from './errors/app-error';
import { safeEqual } from './auth/tokens';
import { passwordChangeRequired } from './auth/issued-password';
import { contractInactive } from './contracts/inactive';
import { actorRolesFor, type UserAction } from './people/role-rules';
import { assertStorableText } from './validation/input-guard';

/**
 * Zod's flattened field errors (top-level keys), plus one entry per nested path ("administrators.0.email")
 * so that a form with repeated rows can show each error under its own field.
 */
function zodFieldErrors(error: ZodError): Record<string, string[] | undefined> {
  const out: Record<string, string[] | undefined> = { ...z.flattenError(error).fieldErrors };
  for (const issue of error.issues) {
    // A key the (strict) input schema does not name: the key itself is the field (validation/strict-input.ts).
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const at = [...issue.path.map(String), key].join('.');
        out[at] = [...(out[at] ?? []), `Unknown field "${key}".`];
      }
      continue;
    }
    if (issue.path.length < 2) continue;
    const key = issue.path.map(String).join('.');
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const fieldErrors = cause instanceof ZodError ? zodFieldErrors(cause) : cause instanceof AppError ? cause.details.fieldErrors : undefined;
    const appCode = cause instanceof AppError ? cause.code : cause instanceof ZodError ? 'VALIDATION' : undefined;
    const lockedUntil = cause instanceof AppError && cause.details.lockedUntil ? cause.details.lockedUntil.toISOString() : undefined;
    const reason = cause instanceof AppError ? cause.details.reason : cause instanceof ZodError && cause.issues.some((i) => i.code === 'unrecognized_keys') ? 'UNKNOWN_KEYS' : undefined;
    // Internal errors never leak their message (it may contain SQL or paths).
    const message = error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : shape.message;
    return { ...shape, message, data: { ...shape.data, stack: undefined, appCode, reason, fieldErrors, lockedUntil } };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * PostgreSQL data exceptions that only a caller's value can cause (text it cannot encode, a value too long
 * or out of range for its column): the last line of defence behind the input guard and the schemas.
 * Other class-22 errors (division by zero…) stay internal: they would be our bug, not the caller's input.
 */
const INPUT_DATA_SQLSTATES = new Set(['22001', '22003', '22007', '22008', '22021', '22P05']);

function postgresCode(error: InstanceType<typeof Prisma.PrismaClientKnownRequestError>): string | undefined {
  const adapter = (error.meta as { driverAdapterError?: { cause?: { code?: unknown } } } | undefined)?.driverAdapterError;
  const code = adapter?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The one place where domain errors and database errors become transport errors. */
function mapError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (cause instanceof AppError) return toTrpcError(cause);
  if (cause instanceof Prisma.PrismaClientKnownRequestError) {
    if (cause.code === 'P2002') return toTrpcError(new AppError('CONFLICT', 'That record already exists.'));
    if (cause.code === 'P2025') return toTrpcError(new AppError('NOT_FOUND', 'Not found.'));
    // P2000: too long for its column; P2020: out of range for its type.
    const sqlState = cause.code === 'P2000' ? '22001' : cause.code === 'P2020' ? '22003' : postgresCode(cause);
    if (sqlState && INPUT_DATA_SQLSTATES.has(sqlState)) return toTrpcError(new AppError('VALIDATION', 'A value cannot be stored.', { reason: `SQLSTATE_${sqlState}` }));
  }
  // Row-level security refused a write (SQLSTATE 42501): another tenant's row.
  if (cause && /42501|row-level security/.test(String((cause as { message?: unknown }).message ?? ''))) {
    return toTrpcError(new AppError('FORBIDDEN', 'Not allowed.'));
  }
  return error;
}

const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  return result.ok ? result : { ...result, error: mapError(result.error) };
});

/**
 * CSRF: a mutation carrying a session cookie must echo the session's CSRF token in the x-csrf-token
 * header. Without a session (sign-in), a browser request — recognisable by its Origin header or the
 * tw_csrf cookie — must echo that cookie (double submit; the cookie is SameSite=Strict, so a cross-site
 * page can neither send nor read it). Requests with neither, like the desktop agent's sign-in or its
 * device-token calls, carry no ambient credentials to abuse.
 */
const csrfGuard = t.middleware(({ ctx, type, next }) => {
  if (type !== 'mutation' || ctx.csrf.viaBearer) return next();
  const { header, cookie, origin } = ctx.csrf;
  const session = ctx.principal && ctx.principal.kind !== 'device' ? ctx.principal : null;
  if (!session && !cookie && !origin) return next();
  const expected = session ? session.csrfToken : cookie;
  if (!header || !expected || !safeEqual(header, expected)) {
    throw new AppError('CSRF', 'Missing or invalid CSRF token.');
  }
  return next();
});

/**
 * Every procedure's raw input, before its schema and before any transaction: text PostgreSQL cannot store
 * (NUL, lone surrogates), oversized strings and over-deep nesting are a typed 400 (validation/input-guard.ts).
 */
const inputGuard = t.middleware(async ({ getRawInput, next }) => {
  assertStorableText(await getRawInput());
  return next();
});

/**
 * The transport rung, before the input guard. Only the agent's upload branch stands on it directly: its
 * multipart body must stay unread until the device token and the declared size have been checked, so its
 * form's text parts get the same guard where the form is parsed (evidence/upload-form.ts).
 */
const transportProcedure = t.procedure.use(errorMapping).use(csrfGuard);

export const publicProcedure = transportProcedure.use(inputGuard);

const signedIn = t.middleware(({ ctx, next }) => {
  if (!ctx.principal) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  return next({ ctx: { principal: ctx.principal } });
});

export const authedProcedure = publicProcedure.use(signedIn);

/**
 * Work a procedure hands over to run once its transaction has committed, on the pool (e.g. mailing
 * about a row it recorded: sent before the commit, the mail could announce something rolled back).
 * It runs without the caller waiting; its failures are its own to record and retry.
 */
export type AfterCommit = (work: (db: Db) => Promise<unknown>) => void;

/** Runs the rest of the chain inside one transaction with the given scope; any error rolls it back. */
async function inScope<T>(ctx: Context, scope: DbScope, run: (tx: Tx, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
  const after: ((db: Db) => Promise<unknown>)[] = [];
  const result = await ctx.db.$transaction(async (tx) => {
    await applyScope(tx, scope);
    return run(tx, (work) => after.push(work));
  });
  for (const work of after) void work(ctx.db).catch((error: unknown) => console.error('[after-commit]', error));
  return result;
}

async function loadActiveTenantUser(tx: Tx, tenantId: string, userId: string, opts: { allowIssuedPassword?: boolean } = {}) {
  const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true, status: true, name: true, systemId: true } });
  if (!tenant) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  const user = await tx.user.findUnique({
    where: { tenantId_id: { tenantId, id: userId } },
    select: { id: true, tenantId: true, role: true, name: true, disabledAt: true, mustChangePassword: true },
  });
  if (!user || user.disabledAt) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  // 第19条 suspension and contract end block use at once.
  if (tenant.status !== 'ACTIVE') throw contractInactive(tenant.status, user.role);
  if (user.mustChangePassword && !opts.allowIssuedPassword) throw passwordChangeRequired();
  return { tenant, user: { id: user.id, tenantId: user.tenantId, role: user.role, name: user.name } };
}

function tenantMemberProcedure(opts: { allowIssuedPassword: boolean }) {
  return authedProcedure.use(async ({ ctx, next }) => {
    const p = ctx.principal;
    if (p.kind !== 'user') throw new AppError('FORBIDDEN', 'This is for members of an organisation.');
    return inScope(ctx, { tenantId: p.tenantId }, async (tx) => {
      const { tenant, user } = await loadActiveTenantUser(tx, p.tenantId, p.userId, opts);
      const result = await next({ ctx: { db: tx, tenantId: tenant.id, tenant, user, principal: p } });
      if (!result.ok) throw result.error;
      return result;
    });
  });
}

export const tenantProcedure = tenantMemberProcedure({ allowIssuedPassword: false });

/**
 * The few procedures a user holding an issued password may call (mustChangePassword): changing it, and
 * reading his own profile for the change screen. Everything else answers PASSWORD_CHANGE_REQUIRED.
 */
export const issuedPasswordProcedure = tenantMemberProcedure({ allowIssuedPassword: true });

function requireRole(...roles: UserRole[]) {
  return tenantProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) throw new AppError('FORBIDDEN', 'Your role does not allow this.');
    return next();
  });
}

export const managerProcedure = requireRole('ADMIN', 'MANAGER');
export const adminProcedure = requireRole('ADMIN');

/** User management: the role gate comes from the role rules (people/role-rules.ts); the service checks the target. */
export const userActionProcedure = (action: UserAction) => requireRole(...actorRolesFor(action));

export const operatorProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const p = ctx.principal;
  if (p.kind !== 'operator') throw new AppError('FORBIDDEN', 'This is for the provider’s operators.');
  return inScope(ctx, { operator: true }, async (tx) => {
    const operator = await tx.operator.findUnique({ where: { id: p.operatorId }, select: { id: true, name: true, role: true, disabledAt: true } });
    if (!operator || operator.disabledAt) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
    const result = await next({ ctx: { db: tx, operator, principal: p } });
    if (!result.ok) throw result.error;
    return result;
  });
});

export const resellerProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const p = ctx.principal;
  if (p.kind !== 'resellerStaff') throw new AppError('FORBIDDEN', 'This is for reseller staff.');
  return inScope(ctx, { resellerId: p.resellerId }, async (tx) => {
    const staff = await tx.resellerStaff.findUnique({
      where: { id: p.resellerStaffId },
      select: { id: true, name: true, disabledAt: true, reseller: { select: { id: true, name: true, status: true } } },
    });
    if (!staff || staff.disabledAt || staff.reseller.status !== 'ACTIVE') throw new AppError('UNAUTHENTICATED', 'Sign in first.');
    const result = await next({ ctx: { db: tx, staff, resellerId: staff.reseller.id, principal: p } });
    if (!result.ok) throw result.error;
    return result;
  });
});

/** The desktop agent, authenticated by its device token (Authorization: Bearer …). */
const deviceToken = t.middleware(({ ctx, next }) => {
  const p = ctx.principal;
  if (!p) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  if (p.kind !== 'device') throw new AppError('UNAUTHENTICATED', 'A device token is required.');
  return next({ ctx: { principal: p } });
});

const deviceProcedure = authedProcedure.use(deviceToken);

export const agentProcedure = deviceProcedure.use(async ({ ctx, next }) => {
  const p = ctx.principal;
  return inScope(ctx, { tenantId: p.tenantId }, async (tx, afterCommit) => {
    const { tenant, user } = await loadActiveTenantUser(tx, p.tenantId, p.userId);
    const result = await next({ ctx: { db: tx, tenantId: tenant.id, tenant, user, deviceId: p.deviceId, principal: p, afterCommit } });
    if (!result.ok) throw result.error;
    return result;
  });
});

/**
 * The agent's image uploads: the same device and tenant checks as agentProcedure, but in a scoped
 * transaction that ends before the procedure goes on, and `db` stays the pool. The upload services
 * (evidence/store-evidence.ts, face-images.ts) open their own short transactions, queued at the upload
 * gate, around the blob write; one held open here would pin a pooled connection while a slow line
 * sends the body (up to a minute) and while the blob is written.
 */
export const agentUploadProcedure = transportProcedure.use(deviceToken).use(async ({ ctx, next }) => {
  const p = ctx.principal;
  const { tenant, user } = await inScope(ctx, { tenantId: p.tenantId }, (tx) => loadActiveTenantUser(tx, p.tenantId, p.userId));
  return next({ ctx: { tenantId: tenant.id, tenant, user, deviceId: p.deviceId, principal: p } });
});
