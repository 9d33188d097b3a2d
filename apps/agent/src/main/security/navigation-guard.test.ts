import { describe, expect, it } from 'vitest';
import { denyWindowOpen, navigationGuard } from './navigation-guard';

function navigate(guard: ReturnType<typeof navigationGuard>, url: string) {
  let prevented = false;
  guard({ url, preventDefault: () => (prevented = true) });
  return prevented ? 'denied' : 'allowed';
}

describe('navigationGuard', () => {
  it('lets the app move between its own pages and stops everything else', () => {
    const denied: string[] = [];
    const guard = navigationGuard({}, (url) => denied.push(url));
    expect(navigate(guard, 'app://agent/index.html#/punch')).toBe('allowed');
    expect(navigate(guard, 'app://agent/settings.html')).toBe('allowed');
    expect(navigate(guard, 'https://example.com/phish')).toBe('denied');
    expect(navigate(guard, 'file:///C:/Windows/System32/')).toBe('denied');
    expect(navigate(guard, 'http://localhost:5173/')).toBe('denied');
    expect(navigate(guard, 'app://agent.evil/')).toBe('denied');
    expect(denied).toEqual(['https://example.com/phish', 'file:///C:/Windows/System32/', 'http://localhost:5173/', 'app://agent.evil/']);
  });

  it('allows the dev server only when it is configured', () => {
    const guard = navigationGuard({ devServerOrigin: 'http://localhost:5173' });
    expect(navigate(guard, 'http://localhost:5173/')).toBe('allowed');
    expect(navigate(guard, 'http://localhost:3000/')).toBe('denied');
  });

  it('denies every window.open, external links included', () => {
    const seen: string[] = [];
    const handler = denyWindowOpen((url) => seen.push(url));
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://agent/popup.html' })).toEqual({ action: 'deny' });
    expect(seen).toHaveLength(2);
  });
});
