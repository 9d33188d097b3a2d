import { randomUUID } from 'node:crypto';
import type { ConsoleCases, ResellerCases } from '../case-types';
import { addWorker, FIXTURE_PASSWORD } from '../../testing/fixtures';

/** Foundation and people procedures (auth, tenant, users, profile, groups, tasks, devices, work). */
export const consoleCases: ConsoleCases = {
  'auth.signIn': { minRole: 'PUBLIC', call: (c, t) => c.auth.signIn({ systemId: t.systemId, loginId: 'admin', password: FIXTURE_PASSWORD }) },
  'auth.me': { minRole: 'PUBLIC', call: (c) => c.auth.me() },
  'auth.signOut': { minRole: 'WORKER', call: (c) => c.auth.signOut() },
  // Public: an unknown login ID (same answer as a known one, no mail); another tenant's token is refused in password-reset.integration.test.ts.
  'auth.passwordReset.request': { minRole: 'PUBLIC', call: (c, t) => c.auth.passwordReset.request({ systemId: t.systemId, loginId: `nobody-${randomUUID().slice(0, 8)}` }) },
  'auth.passwordReset.confirm': { minRole: 'PUBLIC', call: (c, t) => c.auth.passwordReset.confirm({ token: `${t.tenantId}.${'x'.repeat(43)}`, password: 'a-long-password-1' }) },
  'tenant.current': { minRole: 'WORKER', call: (c) => c.tenant.current(), crossTenant: 'OWN_ONLY' },
  'tenant.settings': { minRole: 'ADMIN', call: (c) => c.tenant.settings(), crossTenant: 'OWN_ONLY' },
  'tenant.updateSettings': {
    minRole: 'ADMIN',
    call: (c) =>
      c.tenant.updateSettings({
        thresholdLevel: 3, detectionIntervalSec: 10, awayAfterChecks: 3, impersonationAfterChecks: 2, captureIntervalMin: 5, autoPunchFromPresence: false,
        screenshotMode: 'FULL', redactionAreas: [], forgottenEndRule: 'AT_JST_MIDNIGHT', forgottenEndAfterHours: 12, retentionDays: 90,
      }),
    crossTenant: 'OWN_ONLY',
  },
  'tenant.captureModes': { minRole: 'ADMIN', call: (c) => c.tenant.captureModes(), crossTenant: 'OWN_ONLY' },
  'tenant.setCaptureMode': { minRole: 'ADMIN', call: (c) => c.tenant.setCaptureMode({ captureMode: 'INTERVAL_AND_INCIDENT' }), crossTenant: 'OWN_ONLY' },
  'tenant.setGroupCaptureMode': { minRole: 'ADMIN', call: (c, t) => c.tenant.setGroupCaptureMode({ groupId: t.groupId, captureMode: null }), crossTenant: 'NOT_FOUND' },
  'users.list': { minRole: 'MANAGER', call: (c) => c.users.list(), crossTenant: 'OWN_ONLY' },
  'users.get': { minRole: 'MANAGER', call: (c, t) => c.users.get({ userId: t.users.worker.id }), crossTenant: 'NOT_FOUND' },
  'users.seats': { minRole: 'MANAGER', call: (c) => c.users.seats(), crossTenant: 'OWN_ONLY' },
  'users.create': {
    minRole: 'ADMIN',
    call: (c) => c.users.create({ loginId: `n-${randomUUID().slice(0, 8)}`, name: '新人', role: 'WORKER', language: 'ja', groupIds: [] }),
    crossTenant: 'OWN_ONLY',
  },
  'users.update': {
    minRole: 'ADMIN',
    call: async (c, t, env) => c.users.update({ userId: await addWorker(env.adminDb, t), data: { name: '改名', role: 'WORKER', language: 'en', groupIds: [t.groupId] } }),
    crossTenant: 'NOT_FOUND',
  },
  'users.setDisabled': { minRole: 'ADMIN', call: async (c, t, env) => c.users.setDisabled({ userId: await addWorker(env.adminDb, t), disabled: true }), crossTenant: 'NOT_FOUND' },
  'users.delete': { minRole: 'ADMIN', call: async (c, t, env) => c.users.delete({ userId: await addWorker(env.adminDb, t) }), crossTenant: 'NOT_FOUND' },
  'users.resetPassword': { minRole: 'MANAGER', call: async (c, t, env) => c.users.resetPassword({ userId: await addWorker(env.adminDb, t) }), crossTenant: 'NOT_FOUND' },
  // The file names groups, not ids: another tenant's group is an unknown group in the preview, and its login
  // IDs are free (people/import/import-users.integration.test.ts shows both).
  'users.importPreview': {
    minRole: 'ADMIN',
    call: async (c, t, env) => {
      const group = await env.adminDb.group.findFirstOrThrow({ where: { tenantId: t.tenantId, id: t.groupId }, select: { name: true } });
      return c.users.importPreview({ file: Buffer.from(`loginId,name,role,groups\nimp-${randomUUID().slice(0, 8)},新人,WORKER,${group.name}\n`).toString('base64') });
    },
    crossTenant: 'OWN_ONLY',
  },
  'users.importTemplate': { minRole: 'ADMIN', call: (c) => c.users.importTemplate(), crossTenant: 'OWN_ONLY' },
  'users.importApply': {
    minRole: 'ADMIN',
    call: (c) => c.users.importApply({ file: Buffer.from(`loginId,name,role\nimp-${randomUUID().slice(0, 8)},新人,MANAGER\n`).toString('base64') }),
    crossTenant: 'OWN_ONLY',
  },
  'profile.get': { minRole: 'WORKER', call: (c) => c.profile.get(), crossTenant: 'OWN_ONLY' },
  'profile.update': { minRole: 'WORKER', call: (c) => c.profile.update({ name: '本人', language: 'ja' }), crossTenant: 'OWN_ONLY' },
  'profile.changePassword': {
    minRole: 'WORKER',
    // The new password must differ from the current one; changed there and back, so the fixture's password holds for later cases.
    call: async (c) => {
      await c.profile.changePassword({ current: FIXTURE_PASSWORD, next: `${FIXTURE_PASSWORD}-next` });
      return c.profile.changePassword({ current: `${FIXTURE_PASSWORD}-next`, next: FIXTURE_PASSWORD });
    },
    crossTenant: 'OWN_ONLY',
  },
  'groups.list': { minRole: 'MANAGER', call: (c) => c.groups.list(), crossTenant: 'OWN_ONLY' },
  'groups.create': { minRole: 'ADMIN', call: (c) => c.groups.create({ name: `G-${randomUUID().slice(0, 8)}`, parentId: null, managerIds: [] }), crossTenant: 'OWN_ONLY' },
  'groups.update': {
    minRole: 'ADMIN',
    call: (c, t) => c.groups.update({ groupId: t.groupId, name: `営業部-${randomUUID().slice(0, 4)}`, parentId: null, managerIds: [t.users.manager.id] }),
    crossTenant: 'NOT_FOUND',
  },
  'groups.delete': {
    minRole: 'ADMIN',
    call: async (c, t, env) => c.groups.delete({ groupId: (await env.adminDb.group.create({ data: { tenantId: t.tenantId, name: `tmp-${randomUUID()}` } })).id }),
    crossTenant: 'NOT_FOUND',
  },
  'tasks.list': { minRole: 'WORKER', call: (c) => c.tasks.list(), crossTenant: 'OWN_ONLY' },
  'tasks.create': { minRole: 'ADMIN', call: (c) => c.tasks.create({ code: `C${randomUUID().slice(0, 6)}`, name: '新タスク', active: true }), crossTenant: 'OWN_ONLY' },
  'tasks.update': { minRole: 'ADMIN', call: (c, t) => c.tasks.update({ taskId: t.taskId, code: 'DEV', name: '開発', active: true }), crossTenant: 'NOT_FOUND' },
  'devices.list': { minRole: 'ADMIN', call: (c) => c.devices.list(), crossTenant: 'OWN_ONLY' },
  'devices.revoke': { minRole: 'ADMIN', call: (c, t) => c.devices.revoke({ deviceId: t.deviceId }), crossTenant: 'NOT_FOUND' },
  'devices.setThreshold': { minRole: 'ADMIN', call: (c, t) => c.devices.setThreshold({ deviceId: t.deviceId, level: 4 }), crossTenant: 'NOT_FOUND' },
  'work.punch': {
    minRole: 'WORKER',
    // Starts work first when needed, then a task of tenant `t` (another tenant's task must be NOT_FOUND).
    call: async (c, t) => {
      if (!(await c.work.myState()).working) await c.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: new Date() });
      return c.work.punch({ clientEventId: randomUUID(), kind: 'TASK_START', taskId: t.taskId, occurredAt: new Date() });
    },
    crossTenant: 'NOT_FOUND',
  },
  'work.myState': { minRole: 'WORKER', call: (c) => c.work.myState(), crossTenant: 'OWN_ONLY' },
  // Takes no user id: the caller's own figures only (another tenant's work is checked in worker-month.integration.test.ts).
  'work.myMonth': { minRole: 'WORKER', call: (c) => c.work.myMonth({ month: '2026-11' }), crossTenant: 'OWN_ONLY' },
  'work.board': { minRole: 'MANAGER', call: (c, t) => c.work.board({ groupId: t.groupId }), crossTenant: 'NOT_FOUND' },
  'agent.work.presence': { minRole: 'AGENT', call: (c) => c.agent.work.presence({ clientEventId: randomUUID(), state: 'PRESENT', occurredAt: new Date() }) },
  'agent.work.incident': { minRole: 'AGENT', call: (c) => c.agent.work.incident({ clientEventId: randomUUID(), kind: 'PEEKING', faceCount: 2, occurredAt: new Date() }) },
  'agent.work.heartbeat': { minRole: 'AGENT', call: (c) => c.agent.work.heartbeat({}) },
  'agent.work.punch': {
    minRole: 'AGENT',
    call: async (c) => {
      const working = (await c.agent.work.state()).working;
      return c.agent.work.punch({ clientEventId: randomUUID(), kind: working ? 'WORK_END' : 'WORK_START', occurredAt: new Date() });
    },
  },
  'agent.work.state': { minRole: 'AGENT', call: (c) => c.agent.work.state(), crossTenant: 'OWN_ONLY' },
  'agent.work.today': { minRole: 'AGENT', call: (c) => c.agent.work.today(), crossTenant: 'OWN_ONLY' },
  'agent.faces.descriptors': { minRole: 'AGENT', call: (c) => c.agent.faces.descriptors(), crossTenant: 'OWN_ONLY' },
  // Take no user id: the device's own worker only (consent record, issue 20).
  'agent.consent.state': { minRole: 'AGENT', call: (c) => c.agent.consent.state(), crossTenant: 'OWN_ONLY' },
  'agent.consent.record': {
    minRole: 'AGENT',
    call: (c) => c.agent.consent.record({ clientEventId: randomUUID(), occurredAt: new Date(), terms: { captureMode: 'VERDICT_ONLY', captureIntervalMin: null, screenshotMode: null, retentionDays: 90 } }),
    crossTenant: 'OWN_ONLY',
  },
  // Takes no user id: the device's own worker only (descriptor-only enrolment, issue 20).
  'agent.faces.enrol': { minRole: 'AGENT', call: (c) => c.agent.faces.enrol({ model: 'dlib-resnet34-v1', faces: [{ clientId: randomUUID(), descriptor: Array<number>(128).fill(0.01) }] }), crossTenant: 'OWN_ONLY' },
  'agent.auth.signIn': { minRole: 'PUBLIC', call: (c, t) => c.agent.auth.signIn({ systemId: t.systemId, loginId: 'worker', password: FIXTURE_PASSWORD, deviceName: 'x' }) },
  // The fixture worker's password is not an issued one: refused (PASSWORD_NOT_ISSUED) after the credential checks.
  'agent.auth.changeIssuedPassword': {
    minRole: 'PUBLIC',
    call: (c, t) => c.agent.auth.changeIssuedPassword({ systemId: t.systemId, loginId: 'worker', password: FIXTURE_PASSWORD, newPassword: 'a-new-password-2026', deviceName: 'x' }),
  },
  'agent.auth.me': { minRole: 'AGENT', call: (c) => c.agent.auth.me() },
  'agent.auth.signOut': { minRole: 'AGENT', call: (c) => c.agent.auth.signOut() },
  'agent.tasks.list': { minRole: 'AGENT', call: (c) => c.agent.tasks.list(), crossTenant: 'OWN_ONLY' },
};

export const resellerCases: ResellerCases = {
  'auth.signIn': { who: 'PUBLIC', call: () => Promise.resolve() },
  'auth.me': { who: 'PUBLIC', call: (c) => c.auth.me() },
  'auth.signOut': { who: 'PUBLIC', call: () => Promise.resolve() },
  'auth.passwordReset.request': { who: 'PUBLIC', call: (c) => c.auth.passwordReset.request({ kind: 'resellerStaff', email: `nobody-${randomUUID().slice(0, 8)}@example.test` }) },
  'auth.passwordReset.confirm': { who: 'PUBLIC', call: (c) => c.auth.passwordReset.confirm({ token: 'x'.repeat(43), password: 'a-long-password-1' }) },
  'operator.tenants.list': { who: 'OPERATOR', call: (c) => c.operator.tenants.list(), crossTenant: 'OWN_ONLY' },
  'operator.tenants.get': { who: 'OPERATOR', call: (c, t) => c.operator.tenants.get({ tenantId: t.tenantId }) },
  'reseller.customers.list': { who: 'RESELLER', call: (c) => c.reseller.customers.list(), crossTenant: 'OWN_ONLY' },
  'reseller.customers.get': { who: 'RESELLER', call: (c, t) => c.reseller.customers.get({ tenantId: t.tenantId }), crossTenant: 'NOT_FOUND' },
};
