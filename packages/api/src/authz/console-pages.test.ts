import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ConsoleCases } from './case-types';
import { CONSOLE_ACTIONS, CONSOLE_PAGES, consoleNav, consolePageOf, mayDo, mayOpen, type ConsoleRole } from './console-pages';

// The page table against the authorisation cases (the roles the isolation test proves the API enforces).
const modules = import.meta.glob<{ consoleCases?: ConsoleCases }>('./cases/*.ts', { eager: true });
const cases: ConsoleCases = Object.assign({}, ...Object.values(modules).map((m) => m.consoleCases ?? {}));
const RANK = { PUBLIC: -1, WORKER: 0, MANAGER: 1, ADMIN: 2, AGENT: 9 } as const;

describe('console pages and actions follow the API authorisation', () => {
  it('every procedure a page needs exists in the cases', () => {
    const unknown = Object.values(CONSOLE_PAGES).flatMap((p) => p.uses.filter((proc) => !(proc in cases)));
    expect(unknown).toEqual([]);
  });

  it('a page needs exactly the highest role among its procedures', () => {
    // Lower and the page would promise what the API refuses; higher and it would hide what the API allows
    // (managers may list groups, so /groups is theirs to read).
    for (const [page, p] of Object.entries(CONSOLE_PAGES)) {
      const needed = Math.max(RANK.WORKER, ...p.uses.map((proc) => RANK[cases[proc]?.minRole ?? 'AGENT']));
      expect(RANK[p.minRole], page).toBe(needed);
    }
  });

  it('an action needs exactly the highest role among its procedures', () => {
    for (const [action, a] of Object.entries(CONSOLE_ACTIONS)) {
      const needed = Math.max(...a.uses.map((proc) => RANK[cases[proc]?.minRole ?? 'AGENT']));
      expect(RANK[a.minRole], action).toBe(needed);
    }
  });

  it('every page of the console app has an entry', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../apps/console/src/app/(app)');
    const pages = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f === 'page.tsx' || f.endsWith(`${path.sep}page.tsx`))
      .map((f) => `/${path.dirname(f).split(path.sep).join('/')}`.replace(/^\/\.$/, '/'))
      .sort();
    expect(pages).toEqual(Object.keys(CONSOLE_PAGES).sort());
  });
});

describe('role checks', () => {
  it('matches paths to pages, detail pages included', () => {
    expect(consolePageOf('/')).toBe('/');
    expect(consolePageOf('/users')).toBe('/users');
    expect(consolePageOf('/users/')).toBe('/users');
    expect(consolePageOf('/incidents/7d0c2f1e-0000-4000-8000-000000000000')).toBe('/incidents/[id]');
    expect(consolePageOf('/incidents/a/b')).toBeNull();
    expect(consolePageOf('/nothing')).toBeNull();
  });

  it('opens pages and buttons by role (the issue\'s examples)', () => {
    expect(mayOpen('WORKER', '/users')).toBe(false);
    expect(mayOpen('WORKER', '/board')).toBe(false);
    expect(mayOpen('WORKER', '/timeline')).toBe(true);
    expect(mayOpen('MANAGER', '/groups')).toBe(true);
    expect(mayDo('MANAGER', 'groups.manage')).toBe(false);
    expect(mayDo('ADMIN', 'groups.manage')).toBe(true);
    expect(mayDo('MANAGER', 'users.resetPassword')).toBe(true);
    // Re-enrolment after a face model change (issue 14): administrators only, like the face images.
    expect(mayOpen('WORKER', '/faces/reenrol')).toBe(false);
    expect(mayOpen('MANAGER', '/faces/reenrol')).toBe(false);
    expect(mayOpen('ADMIN', '/faces/reenrol')).toBe(true);
    expect(consolePageOf('/faces/reenrol')).toBe('/faces/reenrol');
  });

  it('the navigation lists exactly the pages the role may open that have an entry', () => {
    const roles: ConsoleRole[] = ['WORKER', 'MANAGER', 'ADMIN'];
    for (const role of roles) {
      const hrefs = consoleNav(role).map((n) => n.href);
      expect(hrefs.every((h) => mayOpen(role, h))).toBe(true);
      expect(hrefs).not.toContain('/incidents/[id]');
      expect(hrefs).not.toContain('/users/import');
    }
    expect(consoleNav('WORKER').map((n) => n.href)).toEqual(['/', '/timeline', '/corrections', '/profile']);
    expect(consoleNav('MANAGER').map((n) => n.href)).toEqual(['/', '/board', '/incidents', '/analytics', '/timeline', '/corrections', '/users', '/schedules', '/groups', '/profile']);
    // Every page but the two reached from another page (an incident's detail, the user import).
    expect(consoleNav('ADMIN')).toHaveLength(Object.keys(CONSOLE_PAGES).length - 2);
  });
});
