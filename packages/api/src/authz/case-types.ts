import type { Db } from '@telework/db';
import type { consoleRouter } from '../console-router';
import type { resellerRouter } from '../reseller-router';
import type { TenantFixture } from '../testing/fixtures';

// Authorisation cases, one file per domain under ./cases. The isolation test runs every case and
// fails when a procedure of either router has no case, so a new procedure cannot ship untested.

export type ConsoleCaller = ReturnType<typeof consoleRouter.createCaller>;
export type ResellerCaller = ReturnType<typeof resellerRouter.createCaller>;

export interface AuthzEnv {
  db: Db;
  adminDb: Db;
}

export interface ConsoleCase {
  /** The lowest role allowed; AGENT means a device token, PUBLIC means anyone (not checked here). */
  minRole: 'PUBLIC' | 'WORKER' | 'MANAGER' | 'ADMIN' | 'AGENT';
  /** Makes the call with ids belonging to tenant `t` (the caller's own, or another tenant's). */
  call: (c: ConsoleCaller, t: TenantFixture, env: AuthzEnv) => Promise<unknown>;
  /** NOT_FOUND (FORBIDDEN): called with another tenant's ids it must answer that code. OWN_ONLY: it takes no ids. */
  crossTenant?: 'NOT_FOUND' | 'FORBIDDEN' | 'OWN_ONLY';
}

export interface ResellerCase {
  /** Who may call: provider operators, reseller staff (for their own customers), or anyone. */
  who: 'OPERATOR' | 'RESELLER' | 'PUBLIC';
  /** Makes the call about tenant `t`: for RESELLER cases, `t` is either the caller's customer or not. */
  call: (c: ResellerCaller, t: TenantFixture, env: AuthzEnv) => Promise<unknown>;
  crossTenant?: 'NOT_FOUND' | 'OWN_ONLY';
}

export type ConsoleCases = Record<string, ConsoleCase>;
export type ResellerCases = Record<string, ResellerCase>;
