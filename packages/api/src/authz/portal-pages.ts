// The reseller portal's pages per kind of member (provider operator or reseller staff), next to the
// console's table (./console-pages.ts) and checked the same way against the authorisation cases
// (portal-pages.test.ts). Pure data: imported by client components too.

export type PortalKind = 'operator' | 'resellerStaff';

export interface PortalPage {
  /** Who may open it: everyone signed in to the portal, or provider operators only. */
  who: 'ANY' | 'OPERATOR';
  /** Message key of its navigation entry, per kind where the two read differently. */
  nav?: `nav.${string}` | { operator: `nav.${string}`; resellerStaff: `nav.${string}` };
  /** Procedures the page needs (operator branch for ANY pages that exist on both sides). */
  uses: readonly string[];
}

/** In navigation order. Keys are the page paths (the app's folders); `[…]` stands for one path segment. */
export const PORTAL_PAGES = {
  '/': { who: 'ANY', nav: 'nav.home', uses: [] },
  '/applications': { who: 'ANY', nav: 'nav.applications', uses: ['operator.contracts.applications', 'reseller.contracts.applications'] },
  '/applications/new': { who: 'ANY', uses: [] },
  '/applications/[id]': { who: 'ANY', uses: [] },
  '/customers': { who: 'ANY', nav: { operator: 'nav.contracts', resellerStaff: 'nav.customers' }, uses: ['operator.contracts.summaries', 'reseller.contracts.summaries'] },
  '/customers/[tenantId]': { who: 'ANY', uses: [] },
  '/invoices': { who: 'ANY', nav: 'nav.invoices', uses: [] },
  '/notices': { who: 'OPERATOR', nav: 'nav.notices', uses: ['operator.notices.list'] },
  '/inquiries': { who: 'OPERATOR', nav: 'nav.inquiries', uses: ['operator.inquiries.list'] },
  '/privacy': { who: 'OPERATOR', nav: 'nav.privacy', uses: ['operator.privacy.list'] },
  '/audit': { who: 'OPERATOR', nav: 'nav.providerAudit', uses: ['operator.audit.list', 'operator.audit.export'] },
} as const satisfies Record<string, PortalPage>;

export type PortalPagePath = keyof typeof PORTAL_PAGES;
type Entry = (typeof PORTAL_PAGES)[PortalPagePath];
type NavOf<E> = E extends { nav: infer N } ? (N extends string ? N : N[keyof N]) : never;
/** The navigation labels, as literal message keys (the portal's catalogue type checks them). */
export type PortalNavLabel = NavOf<Entry>;

/** The table entry for a URL path (no query), or null when the portal has no such page. */
export function portalPageOf(pathname: string): PortalPagePath | null {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  const keys = Object.keys(PORTAL_PAGES) as PortalPagePath[];
  // Literal segments win over […] (/applications/new is not an application id).
  const match = (exact: boolean) =>
    keys.find((key) => {
      const pattern = key.split('/').filter(Boolean);
      return pattern.length === parts.length && pattern.every((p, i) => p === parts[i] || (!exact && p.startsWith('[')));
    });
  return match(true) ?? match(false) ?? null;
}

export function mayOpenPortal(kind: PortalKind, page: PortalPagePath): boolean {
  return PORTAL_PAGES[page].who === 'ANY' || kind === 'operator';
}

export function portalNav(kind: PortalKind): { href: PortalPagePath; label: PortalNavLabel }[] {
  return (Object.entries(PORTAL_PAGES) as [PortalPagePath, Entry][]).flatMap(([href, page]) => {
    if (!('nav' in page) || !mayOpenPortal(kind, href)) return [];
    const label: PortalNavLabel = typeof page.nav === 'string' ? page.nav : page.nav[kind];
    return [{ href, label }];
  });
}
