import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MessageKey } from '../i18n';
import { AppShell } from './app-shell';

const nav: { href: string; label: MessageKey }[] = [
  { href: '/', label: 'nav.home' },
  { href: '/faces', label: 'nav.faces' },
  { href: '/faces/reenrol', label: 'nav.facesReenrol' },
  { href: '/incidents', label: 'nav.incidents' },
];

const current = (path: string) =>
  [...renderToStaticMarkup(<AppShell appName="nav.home" nav={nav} currentPath={path} who="x" onSignOut={() => undefined}>{null}</AppShell>).matchAll(/<a href="([^"]+)"[^>]*aria-current="page"/g)].map((m) => m[1]);

describe('AppShell navigation', () => {
  it('marks exactly one entry current: the longest one the path is or lies under', () => {
    expect(current('/faces/reenrol')).toEqual(['/faces/reenrol']);
    expect(current('/faces')).toEqual(['/faces']);
    expect(current('/incidents/0190f1e2-0000-7000-8000-0000000000aa')).toEqual(['/incidents']);
    expect(current('/')).toEqual(['/']);
    expect(current('/incidentsx')).toEqual([]);
  });
});
