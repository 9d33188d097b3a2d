// Which console pages and page actions each role may use: the one table the navigation, the server's
// page gate and the buttons read. Each entry names the procedures it depends on; console-pages.test.ts
// checks the roles here against the authorisation cases (./cases), so the screens cannot promise what
// the API refuses, nor hide what it allows. Pure data: imported by client components too.

export type ConsoleRole = 'WORKER' | 'MANAGER' | 'ADMIN';

const RANK: Record<ConsoleRole, number> = { WORKER: 0, MANAGER: 1, ADMIN: 2 };

export interface ConsolePage {
  minRole: ConsoleRole;
  /** Message key of its navigation entry; pages without one (details) are reached from another page. */
  nav?: `nav.${string}`;
  /** The procedures the page needs to show anything; each must be open to `minRole`. */
  uses: readonly string[];
}

/** In navigation order. Keys are the page paths; `[id]` stands for one path segment. */
export const CONSOLE_PAGES = {
  '/': { minRole: 'WORKER', nav: 'nav.home', uses: ['work.myState', 'tasks.list'] },
  '/board': { minRole: 'MANAGER', nav: 'nav.board', uses: ['work.board'] },
  '/incidents': { minRole: 'MANAGER', nav: 'nav.incidents', uses: ['evidence.incidents'] },
  '/incidents/[id]': { minRole: 'MANAGER', uses: ['evidence.incident'] },
  '/analytics': { minRole: 'MANAGER', nav: 'nav.analytics', uses: ['analytics.work'] },
  '/timeline': { minRole: 'WORKER', nav: 'nav.timeline', uses: ['evidence.timeline', 'work.myMonth'] },
  '/corrections': { minRole: 'WORKER', nav: 'nav.corrections', uses: ['corrections.mySessions', 'corrections.mine'] },
  '/users': { minRole: 'MANAGER', nav: 'nav.users', uses: ['users.list', 'users.seats', 'groups.list'] },
  '/users/import': { minRole: 'ADMIN', uses: ['users.importPreview', 'users.importApply', 'users.importTemplate'] },
  '/schedules': { minRole: 'MANAGER', nav: 'nav.schedules', uses: ['users.list', 'schedules.forUser', 'schedules.pattern', 'schedules.holidays', 'schedules.companyDaysOff'] },
  '/groups': { minRole: 'MANAGER', nav: 'nav.groups', uses: ['groups.list', 'users.list'] },
  '/tasks': { minRole: 'ADMIN', nav: 'nav.tasks', uses: ['tasks.list', 'tasks.create', 'tasks.update'] },
  '/reports': { minRole: 'ADMIN', nav: 'nav.reports', uses: ['reports.list'] },
  '/devices': { minRole: 'ADMIN', nav: 'nav.devices', uses: ['devices.list'] },
  '/mail': { minRole: 'ADMIN', nav: 'nav.mail', uses: ['mail.outbox'] },
  '/contract': { minRole: 'ADMIN', nav: 'nav.contract', uses: ['contracts.mine'] },
  '/settings': { minRole: 'ADMIN', nav: 'nav.settings', uses: ['tenant.settings'] },
  '/faces': { minRole: 'ADMIN', nav: 'nav.faces', uses: ['evidence.faces'] },
  '/faces/reenrol': { minRole: 'ADMIN', nav: 'nav.facesReenrol', uses: ['evidence.facesToReenrol', 'evidence.requestReenrolment', 'evidence.resetStaleEnrolment'] },
  '/integrity': { minRole: 'ADMIN', nav: 'nav.integrity', uses: ['evidence.verify'] },
  '/audit': { minRole: 'ADMIN', nav: 'nav.audit', uses: ['audit.list', 'audit.export'] },
  '/inquiries': { minRole: 'ADMIN', nav: 'nav.inquiries', uses: ['support.list'] },
  '/privacy': { minRole: 'ADMIN', nav: 'nav.privacy', uses: ['privacy.list'] },
  '/access': { minRole: 'ADMIN', nav: 'nav.access', uses: ['access.allowList', 'access.refusals'] },
  '/profile': { minRole: 'WORKER', nav: 'nav.profile', uses: ['profile.get'] },
} as const satisfies Record<string, ConsolePage>;

export type ConsolePagePath = keyof typeof CONSOLE_PAGES;
/** The navigation labels, as literal message keys (the console's catalogue type checks them). */
export type NavLabel = Extract<(typeof CONSOLE_PAGES)[ConsolePagePath], { nav: string }>['nav'];

/** Buttons inside pages. The role is the highest any of its procedures requires. */
export const CONSOLE_ACTIONS = {
  'groups.manage': { minRole: 'ADMIN', uses: ['groups.create', 'groups.update', 'groups.delete'] },
  'users.manage': { minRole: 'ADMIN', uses: ['users.create', 'users.update', 'users.setDisabled', 'users.delete'] },
  'users.import': { minRole: 'ADMIN', uses: ['users.importPreview', 'users.importApply', 'users.importTemplate'] },
  'users.resetPassword': { minRole: 'MANAGER', uses: ['users.resetPassword'] },
  /** The timeline's worker picker (a worker sees only their own day). */
  'timeline.chooseWorker': { minRole: 'MANAGER', uses: ['users.list'] },
  /** The schedules page's company calendar (会社カレンダー) editor. */
  'schedules.editCalendar': { minRole: 'ADMIN', uses: ['schedules.setCompanyDaysOff', 'schedules.removeCompanyDayOff'] },
  /** The company's pattern (administrators) and the groups' standard patterns (their managers). */
  'schedules.standardPatterns': { minRole: 'MANAGER', uses: ['groups.list', 'schedules.standardPattern', 'schedules.setStandardPattern'] },
  /** One pattern for many workers (chosen ones or a whole group). */
  'schedules.assign': { minRole: 'MANAGER', uses: ['groups.list', 'users.list', 'schedules.assignPattern'] },
  /** The provider's notices on the home page. */
  'notices.read': { minRole: 'MANAGER', uses: ['notices.forMe'] },
} as const satisfies Record<string, { minRole: ConsoleRole; uses: readonly string[] }>;

export type ConsoleAction = keyof typeof CONSOLE_ACTIONS;

const atLeast = (role: ConsoleRole, min: ConsoleRole) => RANK[role] >= RANK[min];

/** The table entry for a URL path (no query), or null when the console has no such page. */
export function consolePageOf(pathname: string): ConsolePagePath | null {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const key of Object.keys(CONSOLE_PAGES) as ConsolePagePath[]) {
    const pattern = key.split('/').filter(Boolean);
    if (pattern.length === parts.length && pattern.every((p, i) => p === '[id]' || p === parts[i])) return key;
  }
  return null;
}

export function mayOpen(role: ConsoleRole, page: ConsolePagePath): boolean {
  return atLeast(role, CONSOLE_PAGES[page].minRole);
}

export function mayDo(role: ConsoleRole, action: ConsoleAction): boolean {
  return atLeast(role, CONSOLE_ACTIONS[action].minRole);
}

/** The navigation entries the role may open, in table order. */
export function consoleNav(role: ConsoleRole): { href: ConsolePagePath; label: NavLabel }[] {
  return (Object.entries(CONSOLE_PAGES) as [ConsolePagePath, (typeof CONSOLE_PAGES)[ConsolePagePath]][]).flatMap(([href, page]) =>
    'nav' in page && atLeast(role, page.minRole) ? [{ href, label: page.nav }] : [],
  );
}
