import { randomUUID } from 'node:crypto';
import type { ConsoleCases } from '../case-types';

/** Schedules and analytics (issue: console work analysis). */
export const consoleCases: ConsoleCases = {
  'schedules.forUser': { minRole: 'WORKER', call: (c, t) => c.schedules.forUser({ userId: t.users.worker.id, from: '2026-11-01', to: '2026-11-30' }), crossTenant: 'NOT_FOUND' },
  'schedules.setDay': {
    minRole: 'MANAGER',
    call: (c, t) => c.schedules.setDay({ userId: t.users.worker.id, date: '2026-11-30', plan: { startMinute: 540, endMinute: 1080, breakMinutes: 60, isDayOff: false } }),
    crossTenant: 'NOT_FOUND',
  },
  'schedules.pattern': { minRole: 'WORKER', call: (c, t) => c.schedules.pattern({ userId: t.users.worker.id, on: '2026-12-01' }), crossTenant: 'NOT_FOUND' },
  'schedules.setPattern': {
    minRole: 'MANAGER',
    call: (c, t) => c.schedules.setPattern({ userId: t.users.worker.id, validFrom: '2026-12-01', workOnHolidays: false, days: [{ weekday: 1, startMinute: 540, endMinute: 1080, breakMinutes: 60 }] }),
    crossTenant: 'NOT_FOUND',
  },
  'schedules.standardPattern': { minRole: 'MANAGER', call: (c, t) => c.schedules.standardPattern({ groupId: t.groupId, on: '2026-12-01' }), crossTenant: 'NOT_FOUND' },
  'schedules.setStandardPattern': {
    minRole: 'MANAGER',
    call: (c, t) => c.schedules.setStandardPattern({ groupId: t.groupId, validFrom: '2026-12-01', workOnHolidays: false, days: [{ weekday: 1, startMinute: 540, endMinute: 1080, breakMinutes: 60 }] }),
    crossTenant: 'NOT_FOUND',
  },
  'schedules.assignPattern': {
    minRole: 'MANAGER',
    call: (c, t) => c.schedules.assignPattern({ target: { userIds: [t.users.worker.id] }, validFrom: '2026-12-01', workOnHolidays: false, days: [{ weekday: 1, startMinute: 1320, endMinute: 1860, breakMinutes: 60 }] }),
    crossTenant: 'NOT_FOUND',
  },
  'schedules.companyDaysOff': { minRole: 'WORKER', call: (c) => c.schedules.companyDaysOff({ from: '2026-12-01', to: '2027-01-31' }), crossTenant: 'OWN_ONLY' },
  'schedules.setCompanyDaysOff': { minRole: 'ADMIN', call: (c) => c.schedules.setCompanyDaysOff({ days: [{ date: '2026-12-29', name: '年末年始' }] }), crossTenant: 'OWN_ONLY' },
  'schedules.removeCompanyDayOff': {
    minRole: 'ADMIN',
    // The day exists in tenant t: removing it from another tenant finds nothing.
    call: async (c, t, env) => {
      const date = new Date('2026-06-01T00:00:00Z');
      await env.adminDb.companyDayOff.upsert({ where: { tenantId_date: { tenantId: t.tenantId, date } }, create: { tenantId: t.tenantId, date, name: '創立記念日' }, update: {} });
      return c.schedules.removeCompanyDayOff({ date: '2026-06-01' });
    },
    crossTenant: 'NOT_FOUND',
  },
  'schedules.holidays': { minRole: 'WORKER', call: (c) => c.schedules.holidays({ from: '2026-01-01', to: '2026-12-31' }), crossTenant: 'OWN_ONLY' },
  'analytics.work': { minRole: 'MANAGER', call: (c, t) => c.analytics.work({ from: '2026-11-01', to: '2026-11-30', groupId: t.groupId }), crossTenant: 'NOT_FOUND' },
  'reports.list': { minRole: 'ADMIN', call: (c) => c.reports.list(), crossTenant: 'OWN_ONLY' },
  'reports.create': { minRole: 'ADMIN', call: (c, t) => c.reports.create({ groupId: t.groupId, period: 'WEEKLY', recipientUserIds: [t.users.manager.id] }), crossTenant: 'NOT_FOUND' },
  'reports.update': {
    minRole: 'ADMIN',
    call: async (c, t, env) => {
      const sub = await env.adminDb.reportSubscription.create({ data: { tenantId: t.tenantId, groupId: t.groupId, period: 'MONTHLY', recipientUserIds: [t.users.manager.id] } });
      return c.reports.update({ subscriptionId: sub.id, groupId: t.groupId, period: 'WEEKLY', recipientUserIds: [t.users.manager.id] });
    },
    crossTenant: 'NOT_FOUND',
  },
  'reports.delete': {
    minRole: 'ADMIN',
    call: async (c, t, env) => {
      const sub = await env.adminDb.reportSubscription.create({ data: { tenantId: t.tenantId, groupId: t.groupId, period: 'MONTHLY', recipientUserIds: [randomUUID()] } });
      return c.reports.delete({ subscriptionId: sub.id });
    },
    crossTenant: 'NOT_FOUND',
  },
  'mail.outbox': { minRole: 'ADMIN', call: (c) => c.mail.outbox(), crossTenant: 'OWN_ONLY' },
  'analytics.mine': { minRole: 'WORKER', call: (c) => c.analytics.mine({ from: '2026-11-01', to: '2026-11-30' }), crossTenant: 'OWN_ONLY' },
};
