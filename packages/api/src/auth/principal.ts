import type { UserRole } from '@telework/db';

/** Who is calling, as established by a session cookie or a device token. */
export type Principal =
  | { kind: 'operator'; sessionId: string; csrfToken: string; operatorId: string }
  | { kind: 'resellerStaff'; sessionId: string; csrfToken: string; resellerStaffId: string; resellerId: string }
  | { kind: 'user'; sessionId: string; csrfToken: string; tenantId: string; userId: string }
  | { kind: 'device'; deviceId: string; tenantId: string; userId: string };

export type SessionPrincipal = Exclude<Principal, { kind: 'device' }>;

export interface TenantUser {
  id: string;
  tenantId: string;
  role: UserRole;
  name: string;
}
