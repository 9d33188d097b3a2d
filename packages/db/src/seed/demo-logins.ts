export interface DemoLogin {
  app: 'console' | 'reseller';
  kind: 'operator' | 'resellerStaff' | 'user';
  label: string;
  systemId?: string;
  loginId?: string;
  email?: string;
  password: string;
}

// Demo accounts printed by `npm start`. Only ever created in an empty database by the demo seed.
export const DEMO_PASSWORD = 'Telework-demo-2026';

export const DEMO_LOGINS: DemoLogin[] = [
  { app: 'console', kind: 'user', label: 'テナント管理者 / tenant admin (東都商事)', systemId: 'TW-100001', loginId: 'admin', password: DEMO_PASSWORD },
  { app: 'console', kind: 'user', label: '勤務管理者 / manager (東都商事)', systemId: 'TW-100001', loginId: 'manager', password: DEMO_PASSWORD },
  { app: 'console', kind: 'user', label: '勤務者 / worker (東都商事)', systemId: 'TW-100001', loginId: 'worker1', password: DEMO_PASSWORD },
  { app: 'console', kind: 'user', label: 'テナント管理者 / tenant admin (浪速電機)', systemId: 'TW-100002', loginId: 'admin', password: DEMO_PASSWORD },
  { app: 'reseller', kind: 'operator', label: '運営オペレーター / provider operator', email: 'operator@telework.example', password: DEMO_PASSWORD },
  { app: 'reseller', kind: 'resellerStaff', label: '販売店 / reseller staff (みらいシステム販売)', email: 'sales@mirai-reseller.example', password: DEMO_PASSWORD },
];
