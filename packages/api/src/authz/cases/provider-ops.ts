import type { AuthzEnv, ConsoleCases, ResellerCases } from '../case-types';

// Provider operations: notices, inquiries, personal-data requests, audit log viewers.

async function aNotice(env: AuthzEnv) {
  const op = await env.adminDb.operator.findFirstOrThrow({ select: { id: true } });
  return env.adminDb.notice.create({
    data: { kind: 'GENERAL', audience: 'ALL_TENANTS', titleJa: 'お知らせ', bodyJa: '本文', publishAt: new Date(), createdByOperatorId: op.id },
  });
}

export const consoleCases: ConsoleCases = {
  'notices.loginScreen': { minRole: 'PUBLIC', call: (c) => c.notices.loginScreen() },
  'notices.forMe': { minRole: 'MANAGER', call: (c) => c.notices.forMe(), crossTenant: 'OWN_ONLY' },
};

export const resellerCases: ResellerCases = {
  'operator.notices.list': { who: 'OPERATOR', call: (c) => c.operator.notices.list() },
  'operator.notices.create': {
    who: 'OPERATOR',
    call: (c, t) => c.operator.notices.create({ kind: 'GENERAL', audience: 'SELECTED_TENANTS', tenantIds: [t.tenantId], titleJa: 'テスト', bodyJa: '本文' }),
  },
  'operator.notices.withdraw': { who: 'OPERATOR', call: async (c, _t, env) => c.operator.notices.withdraw({ noticeId: (await aNotice(env)).id }) },
  'operator.notices.deliveries': { who: 'OPERATOR', call: async (c, _t, env) => c.operator.notices.deliveries({ noticeId: (await aNotice(env)).id }) },
};
