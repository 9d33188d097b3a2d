import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ResellerCases } from './case-types';
import { PORTAL_PAGES, mayOpenPortal, portalNav, portalPageOf } from './portal-pages';

const modules = import.meta.glob<{ resellerCases?: ResellerCases }>('./cases/*.ts', { eager: true });
const cases: ResellerCases = Object.assign({}, ...Object.values(modules).map((m) => m.resellerCases ?? {}));

describe('portal pages follow the API authorisation', () => {
  it('an operators-only page needs procedures only operators may call', () => {
    for (const [page, p] of Object.entries(PORTAL_PAGES).filter(([, p]) => p.who === 'OPERATOR')) {
      expect(p.uses.length, page).toBeGreaterThan(0);
      for (const proc of p.uses) expect(cases[proc]?.who, `${page} ${proc}`).toBe('OPERATOR');
    }
  });

  it('a page for both kinds has a procedure for each kind when it names any', () => {
    for (const [page, p] of Object.entries(PORTAL_PAGES).filter(([, p]) => p.who === 'ANY' && p.uses.length > 0)) {
      const who = new Set(p.uses.map((proc: string) => cases[proc]?.who));
      expect([...who].sort(), page).toEqual(['OPERATOR', 'RESELLER']);
    }
  });

  it('every page of the portal app has an entry', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../apps/reseller/src/app/(app)');
    const pages = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f === 'page.tsx' || f.endsWith(`${path.sep}page.tsx`))
      .map((f) => `/${path.dirname(f).split(path.sep).join('/')}`.replace(/^\/\.$/, '/'))
      .sort();
    expect(pages).toEqual(Object.keys(PORTAL_PAGES).sort());
  });
});

describe('portal role checks', () => {
  it('matches paths, literal segments before ids', () => {
    expect(portalPageOf('/applications/new')).toBe('/applications/new');
    expect(portalPageOf('/applications/0b6c1a52-0000-4000-8000-000000000000')).toBe('/applications/[id]');
    expect(portalPageOf('/customers/abc')).toBe('/customers/[tenantId]');
    expect(portalPageOf('/audit')).toBe('/audit');
    expect(portalPageOf('/x/y/z')).toBeNull();
  });

  it('reseller staff get neither the operator pages nor their menu entries', () => {
    for (const page of ['/notices', '/inquiries', '/privacy', '/audit'] as const) {
      expect(mayOpenPortal('resellerStaff', page)).toBe(false);
      expect(mayOpenPortal('operator', page)).toBe(true);
    }
    expect(portalNav('resellerStaff')).toEqual([
      { href: '/', label: 'nav.home' },
      { href: '/applications', label: 'nav.applications' },
      { href: '/customers', label: 'nav.customers' },
      { href: '/invoices', label: 'nav.invoices' },
    ]);
    expect(portalNav('operator').map((n) => n.label)).toEqual(['nav.home', 'nav.applications', 'nav.contracts', 'nav.invoices', 'nav.notices', 'nav.inquiries', 'nav.privacy', 'nav.providerAudit']);
  });
});
