import { z } from 'zod';
import type { Language, Tx, UserRole } from '@telework/db';
import { AppError } from '../../errors/app-error';
import { hashPassword } from '../../auth/passwords';
import { recordTenantAudit } from '../../audit/audit-log';
import { generatePassword } from '../passwords-policy';
import { decideUserAction, USER_ROLES } from '../role-rules';
import { managedGroupIds, type Viewer } from '../scope';
import { seatUsage, withinSeats } from '../seats';
import { GROUP_SEPARATOR, ROLE_NAMES } from './columns';
import type { ImportEncoding } from './parse-csv';
import { readImportFile } from './parse-xlsx';

// Bulk creation of users from a file: preview says, per row, what is wrong; apply re-checks the same
// file and creates every row in the procedure's one transaction, or none (a bad row, the seat limit
// or a login ID taken meanwhile refuses the whole file).

export const IMPORT_PROBLEMS = [
  'LOGIN_ID_MISSING',
  'LOGIN_ID_INVALID',
  'LOGIN_ID_DUPLICATE',
  'LOGIN_ID_TAKEN',
  'NAME_MISSING',
  'NAME_TOO_LONG',
  'EMAIL_INVALID',
  'DEPARTMENT_TOO_LONG',
  'ROLE_INVALID',
  'ROLE_NOT_ALLOWED',
  'LANGUAGE_INVALID',
  'GROUP_UNKNOWN',
] as const;
export type ImportProblem = (typeof IMPORT_PROBLEMS)[number];

export interface ImportRowResult {
  line: number;
  loginId: string;
  name: string;
  email: string | null;
  department: string | null;
  role: UserRole | null;
  language: Language | null;
  groups: string[];
  problems: ImportProblem[];
}

interface Actor extends Viewer {
  ip: string | null;
}

// The same limits as users.create (routers/users/schemas.ts).
const LOGIN_ID = /^[A-Za-z0-9._@-]{1,64}$/;
const email = z.email().max(254);

function roleOf(cell: string): UserRole | null {
  const c = cell.trim().toLowerCase();
  return USER_ROLES.find((r) => ROLE_NAMES[r].some((n) => n.toLowerCase() === c)) ?? null;
}

function languageOf(cell: string): Language | null {
  const c = cell.trim().toLowerCase();
  if (c === '' || c === 'ja' || c === '日本語') return 'ja';
  if (c === 'en' || c === 'english' || c === '英語') return 'en';
  return null;
}

/** Checks every row of the file against the tenant as it is now; nothing is written. */
export async function previewImport(db: Tx, { tenantId, actor, file }: { tenantId: string; actor: Viewer; file: Uint8Array }) {
  const { encoding, rows } = await readImportFile(file);
  const loginIds = rows.map((r) => r.cells.loginId).filter((id) => id !== '');
  const [taken, groups, managed, seats] = await Promise.all([
    db.user.findMany({ where: { tenantId, loginId: { in: loginIds } }, select: { loginId: true } }),
    db.group.findMany({ where: { tenantId }, select: { id: true, name: true } }),
    actor.role === 'MANAGER' ? managedGroupIds(db, tenantId, actor.id) : Promise.resolve([]),
    seatUsage(db, tenantId),
  ]);
  const takenIds = new Set(taken.map((u) => u.loginId));
  const groupIdByName = new Map(groups.map((g) => [g.name, g.id]));
  const seen = new Map<string, number>();
  for (const id of loginIds) seen.set(id, (seen.get(id) ?? 0) + 1);

  const results: (ImportRowResult & { groupIds: string[] })[] = rows.map(({ line, cells }) => {
    const problems: ImportProblem[] = [];
    const { loginId, name } = cells;
    if (loginId === '') problems.push('LOGIN_ID_MISSING');
    else if (!LOGIN_ID.test(loginId)) problems.push('LOGIN_ID_INVALID');
    else if ((seen.get(loginId) ?? 0) > 1) problems.push('LOGIN_ID_DUPLICATE');
    else if (takenIds.has(loginId)) problems.push('LOGIN_ID_TAKEN');
    if (name === '') problems.push('NAME_MISSING');
    else if (name.length > 100) problems.push('NAME_TOO_LONG');
    if (cells.email !== '' && !email.safeParse(cells.email).success) problems.push('EMAIL_INVALID');
    if (cells.department.length > 100) problems.push('DEPARTMENT_TOO_LONG');
    const groupNames = cells.groups.split(GROUP_SEPARATOR).map((g) => g.trim()).filter((g) => g !== '');
    const groupIds = groupNames.flatMap((g) => groupIdByName.get(g) ?? []);
    if (groupIds.length !== groupNames.length) problems.push('GROUP_UNKNOWN');
    const role = roleOf(cells.role);
    if (!role) problems.push('ROLE_INVALID');
    else {
      // The role table decides, as for users.create: nobody creates a rank above his reach.
      const inManagedGroups = groupIds.length > 0 && groupIds.every((g) => managed.includes(g));
      if (decideUserAction('create', actor.role, { role, visible: true, inManagedGroups }) !== 'ALLOW') problems.push('ROLE_NOT_ALLOWED');
    }
    const language = languageOf(cells.language);
    if (!language) problems.push('LANGUAGE_INVALID');
    return {
      line, loginId, name, email: cells.email || null, department: cells.department || null, role, language,
      groups: groupNames, groupIds: [...new Set(groupIds)], problems,
    };
  });
  const adding = results.filter((r) => r.role === 'WORKER').length;
  return {
    encoding: encoding satisfies ImportEncoding,
    rows: results,
    badRows: results.filter((r) => r.problems.length > 0).length,
    seats: { ...seats, adding, enough: seats.used + adding <= seats.allowed },
  };
}

const publicRow = ({ groupIds: _ids, ...row }: ImportRowResult & { groupIds: string[] }): ImportRowResult => row;

export async function previewImportForUi(db: Tx, args: { tenantId: string; actor: Viewer; file: Uint8Array }) {
  const preview = await previewImport(db, args);
  return { ...preview, rows: preview.rows.map(publicRow) };
}

/** Creates every row of the file, each with an issued password (shown once, stored only as a hash), or none. */
export async function applyImport(db: Tx, { tenantId, actor, file }: { tenantId: string; actor: Actor; file: Uint8Array }) {
  const preview = await previewImport(db, { tenantId, actor, file });
  if (preview.rows.length === 0) throw new AppError('VALIDATION', 'The file has no rows.', { fieldErrors: { file: ['no rows'] } });
  if (preview.badRows > 0) {
    throw new AppError('VALIDATION', `${preview.badRows} rows have errors; nothing was imported.`, { reason: 'IMPORT_ROWS', badRows: preview.badRows });
  }
  // Hashed before the inserts and in parallel (argon2 runs off the event loop), to keep the transaction short.
  const issued = await Promise.all(preview.rows.map(async () => {
    const password = generatePassword();
    return { password, hash: await hashPassword(password) };
  }));
  const created = await withinSeats(db, tenantId, async () => {
    const out: { line: number; userId: string; loginId: string; name: string; role: UserRole; initialPassword: string }[] = [];
    for (const [i, row] of preview.rows.entries()) {
      const secret = issued[i];
      if (!row.role || !row.language || !secret) throw new AppError('VALIDATION', 'Unchecked row.');
      const user = await db.user.create({
        data: {
          tenantId, loginId: row.loginId, name: row.name, email: row.email, department: row.department, role: row.role, language: row.language,
          passwordHash: secret.hash, mustChangePassword: true,
        },
        select: { id: true },
      });
      if (row.groupIds.length) {
        await db.groupMembership.createMany({ data: row.groupIds.map((groupId) => ({ tenantId, userId: user.id, groupId, kind: 'MEMBER' as const })) });
      }
      out.push({ line: row.line, userId: user.id, loginId: row.loginId, name: row.name, role: row.role, initialPassword: secret.password });
    }
    return out;
  });
  for (const u of created) {
    await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'user.created', targetType: 'User', targetId: u.userId, details: { name: u.name, loginId: u.loginId, role: u.role }, ip: actor.ip });
  }
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'user.imported', targetType: 'Tenant', targetId: tenantId, details: { count: created.length, encoding: preview.encoding }, ip: actor.ip });
  return { created: created.map(({ userId: _id, ...u }) => u) };
}
