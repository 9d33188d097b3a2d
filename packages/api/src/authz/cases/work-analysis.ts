import type { ConsoleCases } from '../case-types';

/** Schedules and analytics (issue: console work analysis). */
export const consoleCases: ConsoleCases = {
  'schedules.forUser': { minRole: 'WORKER', call: (c, t) => c.schedules.forUser({ userId: t.users.worker.id, from: '2026-11-01', to: '2026-11-30' }), crossTenant: 'NOT_FOUND' },
  'schedules.setDay': {
    minRole: 'MANAGER',
    call: (c, t) => c.schedules.setDay({ userId: t.users.worker.id, date: '2026-11-30', plan: { startMinute: 540, endMinute: 1080, breakMinutes: 60, isDayOff: false } }),
    crossTenant: 'NOT_FOUND',
  },
  'schedules.setPattern': {
    minRole: 'MANAGER',
    call: (c, t) => c.schedules.setPattern({ userId: t.users.worker.id, validFrom: '2026-12-01', workOnHolidays: false, days: [{ weekday: 1, startMinute: 540, endMinute: 1080, breakMinutes: 60 }] }),
    crossTenant: 'NOT_FOUND',
  },
  'schedules.holidays': { minRole: 'WORKER', call: (c) => c.schedules.holidays({ from: '2026-01-01', to: '2026-12-31' }), crossTenant: 'OWN_ONLY' },
  'analytics.work': { minRole: 'MANAGER', call: (c, t) => c.analytics.work({ from: '2026-11-01', to: '2026-11-30', groupId: t.groupId }), crossTenant: 'NOT_FOUND' },
  'analytics.mine': { minRole: 'WORKER', call: (c) => c.analytics.mine({ from: '2026-11-01', to: '2026-11-30' }), crossTenant: 'OWN_ONLY' },
};
