import type { NavItem } from '@telework/ui';

/** The contract screens in the reseller portal's menu (the same pages serve both roles). */
export function contractsNav(kind: 'operator' | 'resellerStaff'): NavItem[] {
  return [
    { href: '/applications', label: 'nav.applications' },
    { href: '/customers', label: kind === 'operator' ? 'nav.contracts' : 'nav.customers' },
    { href: '/invoices', label: 'nav.invoices' },
  ];
}
