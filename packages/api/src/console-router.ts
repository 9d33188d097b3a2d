import { consoleAuthRouter } from './routers/auth/console-auth';
import { agentAuthRouter } from './routers/auth/agent-auth';
import { devicesRouter } from './routers/devices/devices-router';
import { groupsRouter } from './routers/groups/groups-router';
import { agentTasksRouter, tasksRouter } from './routers/tasks/tasks-router';
import { tenantRouter } from './routers/tenant/tenant-router';
import { usersRouter } from './routers/users/users-router';
import { profileRouter } from './routers/users/profile-router';
import { agentWorkRouter, workRouter } from './routers/work/work-router';
import { agentCorrectionsRouter, correctionsRouter, monthCloseRouter } from './routers/work/corrections-router';
import { schedulesRouter } from './routers/schedules/schedules-router';
import { analyticsRouter } from './routers/analytics/analytics-router';
import { reportsRouter } from './routers/reports/reports-router';
import { mailRouter } from './routers/mail/mail-router';
import { noticesRouter } from './routers/notices/notices-router';
import { supportRouter } from './routers/support/support-router';
import { agentFacesRouter, evidenceRouter } from './routers/evidence/evidence-router';
import { agentConsentRouter } from './routers/tenant/agent-consent-router';
import { agentUploadsRouter } from './routers/evidence/agent-uploads-router';
import { auditRouter } from './routers/audit/audit-router';
import { consoleContractsRouter } from './routers/contracts/contracts-router';
import { consoleBillingRouter } from './routers/billing/billing-router';
import { privacyRouter } from './routers/privacy/privacy-router';
import { accessRouter } from './routers/audit/access-router';
import { incidentAlertsRouter } from './routers/incident-alerts/incident-alerts-router';
import { createTRPCRouter } from './trpc';

/** Everything the console serves at /api/trpc: the web console's users and the desktop agent. */
export const consoleRouter = createTRPCRouter({
  auth: consoleAuthRouter,
  tenant: tenantRouter,
  users: usersRouter,
  profile: profileRouter,
  groups: groupsRouter,
  tasks: tasksRouter,
  devices: devicesRouter,
  work: workRouter,
  corrections: correctionsRouter,
  monthClose: monthCloseRouter,
  schedules: schedulesRouter,
  analytics: analyticsRouter,
  reports: reportsRouter,
  mail: mailRouter,
  evidence: evidenceRouter,
  notices: noticesRouter,
  contracts: consoleContractsRouter,
  billing: consoleBillingRouter,
  support: supportRouter,
  audit: auditRouter,
  privacy: privacyRouter,
  access: accessRouter,
  incidentAlerts: incidentAlertsRouter,
  agent: createTRPCRouter({ auth: agentAuthRouter, tasks: agentTasksRouter, work: agentWorkRouter, faces: agentFacesRouter, uploads: agentUploadsRouter, consent: agentConsentRouter, corrections: agentCorrectionsRouter }),
});

export type ConsoleRouter = typeof consoleRouter;
