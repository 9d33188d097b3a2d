import type { ConsoleCases } from '../case-types';

const times = { startedAt: new Date('2026-11-10T09:00:00+09:00'), endedAt: new Date('2026-11-10T18:00:00+09:00'), reason: '終了打刻漏れ' };

/** 打刻修正 (issue 16). */
export const consoleCases: ConsoleCases = {
  // Work never punched: takes no ids, the caller asks for himself.
  'corrections.request': { minRole: 'WORKER', call: (c) => c.corrections.request({ workSessionId: null, ...times }), crossTenant: 'OWN_ONLY' },
  'corrections.mine': { minRole: 'WORKER', call: (c) => c.corrections.mine(), crossTenant: 'OWN_ONLY' },
  'corrections.mySessions': { minRole: 'WORKER', call: (c) => c.corrections.mySessions({ from: '2026-11-01', to: '2026-11-30' }), crossTenant: 'OWN_ONLY' },
  'corrections.sessionsOf': { minRole: 'MANAGER', call: (c, t) => c.corrections.sessionsOf({ userId: t.users.worker.id, from: '2026-11-01', to: '2026-11-30' }), crossTenant: 'NOT_FOUND' },
  'corrections.toDecide': { minRole: 'MANAGER', call: (c) => c.corrections.toDecide({}), crossTenant: 'OWN_ONLY' },
  'corrections.decide': {
    minRole: 'MANAGER',
    call: async (c, t, env) => {
      const pending = await env.adminDb.punchCorrection.create({ data: { tenantId: t.tenantId, userId: t.users.worker.id, ...times, requestedById: t.users.worker.id } });
      return c.corrections.decide({ id: pending.id, approve: true });
    },
    crossTenant: 'NOT_FOUND',
  },
  'corrections.correctDirectly': { minRole: 'ADMIN', call: (c, t) => c.corrections.correctDirectly({ userId: t.users.worker.id, workSessionId: null, ...times }), crossTenant: 'NOT_FOUND' },
  // The desktop agent's way to the same requests (device token): the device's own worker only.
  'agent.corrections.request': { minRole: 'AGENT', call: (c) => c.agent.corrections.request({ workSessionId: null, ...times }), crossTenant: 'OWN_ONLY' },
  'agent.corrections.mine': { minRole: 'AGENT', call: (c) => c.agent.corrections.mine(), crossTenant: 'OWN_ONLY' },
  'agent.corrections.mySessions': { minRole: 'AGENT', call: (c) => c.agent.corrections.mySessions({ from: '2026-11-01', to: '2026-11-30' }), crossTenant: 'OWN_ONLY' },
  'monthClose.list': { minRole: 'ADMIN', call: (c) => c.monthClose.list(), crossTenant: 'OWN_ONLY' },
  'monthClose.close': { minRole: 'ADMIN', call: (c, t) => c.monthClose.close({ groupId: t.groupId, month: '2026-10' }), crossTenant: 'NOT_FOUND' },
  'monthClose.reopen': {
    minRole: 'ADMIN',
    call: async (c, t, env) => {
      await env.adminDb.monthClose.upsert({
        where: { tenantId_groupId_month: { tenantId: t.tenantId, groupId: t.groupId, month: '2026-09' } },
        create: { tenantId: t.tenantId, groupId: t.groupId, month: '2026-09', closedAt: new Date('2026-10-01T00:00:00Z'), closedById: t.users.admin.id },
        update: { reopenedAt: null, reopenedById: null },
      });
      return c.monthClose.reopen({ groupId: t.groupId, month: '2026-09' });
    },
    crossTenant: 'NOT_FOUND',
  },
  'monthClose.payroll': {
    minRole: 'ADMIN',
    call: async (c, t, env) => {
      // Closed beforehand so the allowed call succeeds; with another tenant's group it must be NOT_FOUND.
      await env.adminDb.monthClose.upsert({
        where: { tenantId_groupId_month: { tenantId: t.tenantId, groupId: t.groupId, month: '2026-08' } },
        create: { tenantId: t.tenantId, groupId: t.groupId, month: '2026-08', closedAt: new Date('2026-09-01T00:00:00Z'), closedById: t.users.admin.id },
        update: { reopenedAt: null, reopenedById: null },
      });
      return c.monthClose.payroll({ groupId: t.groupId, month: '2026-08' });
    },
    crossTenant: 'NOT_FOUND',
  },
};
