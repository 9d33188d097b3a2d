import type { IncidentKind, IncidentStatus, JudgementVerdict, Prisma, Tx } from '@telework/db';
import { recordTenantAudit } from '../audit/audit-log';
import { AppError } from '../errors/app-error';
import { assertUserVisible, groupTreeMemberIds, visibleUserIds, type Viewer } from '../people/scope';

export interface IncidentFilter {
  kind?: IncidentKind;
  status?: IncidentStatus;
  userId?: string;
  groupId?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

/** Image links for the console: served by the authorised image route, never a public URL. */
export const evidenceImageUrl = (evidenceId: string) => `/api/images/${evidenceId}`;
export const faceImageUrl = (faceImageId: string) => `/api/images/face/${faceImageId}`;

/** Which users a filter covers inside the viewer's scope (managers: their groups' members). */
async function scopedUserIds(db: Tx, tenantId: string, viewer: Viewer, f: { userId?: string; groupId?: string }): Promise<string[] | null> {
  let ids = await visibleUserIds(db, tenantId, viewer);
  if (f.groupId) {
    const members = await groupTreeMemberIds(db, tenantId, f.groupId);
    ids = ids ? ids.filter((id) => members.includes(id)) : members;
  }
  if (f.userId) {
    await assertUserVisible(db, tenantId, viewer, f.userId);
    ids = ids ? ids.filter((id) => id === f.userId) : [f.userId];
  }
  return ids;
}

export async function listIncidents(db: Tx, tenantId: string, viewer: Viewer, f: IncidentFilter) {
  const userIds = await scopedUserIds(db, tenantId, viewer, f);
  const where: Prisma.IncidentWhereInput = {
    tenantId,
    ...(userIds ? { userId: { in: userIds } } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.from || f.to ? { occurredAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
  const rows = await db.incident.findMany({
    where,
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: f.limit + 1,
    ...(f.cursor ? { cursor: { tenantId_id: { tenantId, id: f.cursor } }, skip: 1 } : {}),
    select: {
      id: true, kind: true, status: true, verdict: true, occurredAt: true, faceCount: true, similarity: true, captureMode: true,
      user: { select: { id: true, name: true, loginId: true } }, device: { select: { name: true } }, _count: { select: { evidence: true } },
    },
  });
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit).map(({ _count, ...r }) => ({ ...r, evidenceCount: _count.evidence }));
  return { items, nextCursor: more ? items[items.length - 1]?.id ?? null : null };
}

async function visibleIncident(db: Tx, tenantId: string, viewer: Viewer, incidentId: string) {
  const incident = await db.incident.findFirst({ where: { tenantId, id: incidentId }, select: { id: true, userId: true } });
  if (!incident) throw new AppError('NOT_FOUND', 'No such incident.');
  // Outside the manager's groups: NOT_FOUND, so its existence is not revealed.
  await assertUserVisible(db, tenantId, viewer, incident.userId).catch(() => {
    throw new AppError('NOT_FOUND', 'No such incident.');
  });
  return incident;
}

export async function incidentDetail(db: Tx, tenantId: string, viewer: Viewer, incidentId: string) {
  await visibleIncident(db, tenantId, viewer, incidentId);
  const i = await db.incident.findFirstOrThrow({
    where: { tenantId, id: incidentId },
    select: {
      id: true, kind: true, status: true, verdict: true, occurredAt: true, receivedAt: true, faceCount: true, similarity: true, captureMode: true,
      user: { select: { id: true, name: true } }, device: { select: { id: true, name: true } },
      judgements: { orderBy: { createdAt: 'asc' }, select: { id: true, verdict: true, comment: true, createdAt: true, judgedBy: { select: { id: true, name: true } } } },
      evidence: { orderBy: [{ capturedAt: 'asc' }, { kind: 'asc' }], select: { id: true, kind: true, capturedAt: true, width: true, height: true } },
    },
  });
  return { ...i, evidence: i.evidence.map((e) => ({ ...e, imageUrl: evidenceImageUrl(e.id) })) };
}

export async function judgeIncident(
  db: Tx,
  tenantId: string,
  viewer: Viewer,
  input: { incidentId: string; verdict: JudgementVerdict; comment?: string | null; ip: string | null },
) {
  await visibleIncident(db, tenantId, viewer, input.incidentId);
  const judgement = await db.incidentJudgement.create({
    data: { tenantId, incidentId: input.incidentId, verdict: input.verdict, comment: input.comment ?? null, judgedById: viewer.id },
    select: { id: true, createdAt: true },
  });
  // NEEDS_FOLLOW_UP keeps the incident open for a later, final judgement.
  const status = input.verdict === 'NEEDS_FOLLOW_UP' ? 'OPEN' : 'JUDGED';
  await db.incident.update({ where: { tenantId_id: { tenantId, id: input.incidentId } }, data: { verdict: input.verdict, status } });
  await recordTenantAudit(db, tenantId, {
    actorKind: 'USER', actorId: viewer.id, action: 'incident.judge', targetType: 'Incident', targetId: input.incidentId,
    details: { verdict: input.verdict, comment: input.comment ?? null, judgementId: judgement.id }, ip: input.ip,
  });
  return { judgementId: judgement.id, status, verdict: input.verdict };
}
