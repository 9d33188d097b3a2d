import type { ConsoleCases } from '../case-types';

/** Incident alert settings (issue 18): the caller's own choice and his tenant's rule; no ids to cross with. */
export const consoleCases: ConsoleCases = {
  'incidentAlerts.settings': { minRole: 'MANAGER', call: (c) => c.incidentAlerts.settings(), crossTenant: 'OWN_ONLY' },
  'incidentAlerts.setMode': { minRole: 'MANAGER', call: (c) => c.incidentAlerts.setMode({ mode: 'DAILY_DIGEST' }), crossTenant: 'OWN_ONLY' },
  'incidentAlerts.setAdminsAlways': { minRole: 'ADMIN', call: (c) => c.incidentAlerts.setAdminsAlways({ enabled: true }), crossTenant: 'OWN_ONLY' },
};
