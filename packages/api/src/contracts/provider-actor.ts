import type { PrincipalKind } from '@telework/db';

/** Who acts on the provider side: an operator, or a reseller's staff member (for its own channel). */
export type ProviderActor =
  | { kind: 'OPERATOR'; id: string }
  | { kind: 'RESELLER_STAFF'; id: string; resellerId: string };

export function actorKind(a: ProviderActor): PrincipalKind {
  return a.kind;
}

/** Iso date (YYYY-MM-DD) ↔ the Date Prisma uses for @db.Date columns (midnight UTC). */
export const isoToDbDate = (d: string): Date => new Date(`${d}T00:00:00.000Z`);
export const dbDateToIso = (d: Date): string => d.toISOString().slice(0, 10);
