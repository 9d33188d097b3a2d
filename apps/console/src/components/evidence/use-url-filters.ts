'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useRef } from 'react';

/**
 * Filters kept in the page's query string, so that a reload, a shared link or "back" from a detail
 * page shows the same list. Empty values are left out of the URL.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]): [Record<K, string>, (patch: Partial<Record<K, string>>) => void, () => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const paramsKey = params.toString();
  const values = useMemo(() => Object.fromEntries(keys.map((k) => [k, new URLSearchParams(paramsKey).get(k) ?? ''])) as Record<K, string>, [keys, paramsKey]);
  // What was last written: two changes in quick succession must both land, although the URL (and
  // so `values`) only catches up after the first navigation.
  const latest = useRef({ key: paramsKey, values });
  if (latest.current.key !== paramsKey) latest.current = { key: paramsKey, values };
  const write = useCallback(
    (next: Record<K, string>) => {
      latest.current = { ...latest.current, values: next };
      const query = new URLSearchParams(Object.entries<string>(next).filter(([, v]) => v !== '')).toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname],
  );
  const set = useCallback((patch: Partial<Record<K, string>>) => write({ ...latest.current.values, ...patch }), [write]);
  const clear = useCallback(() => write(Object.fromEntries(keys.map((k) => [k, ''])) as Record<K, string>), [write, keys]);
  return [values, set, clear];
}
