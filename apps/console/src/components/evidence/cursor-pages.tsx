'use client';
import { useState } from 'react';
import { Button, useT } from '@telework/ui';

/**
 * Pages of a cursor-paged list (the API returns `nextCursor`): a stack of the cursors that opened
 * each page, so "previous" goes back exactly. A change of `filterKey` starts again from page 1.
 */
export function useCursorPages(filterKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | undefined)[] }>({ key: filterKey, stack: [undefined] });
  const stack = state.key === filterKey ? state.stack : [undefined];
  return {
    cursor: stack[stack.length - 1],
    page: stack.length,
    next: (cursor: string) => setState({ key: filterKey, stack: [...stack, cursor] }),
    prev: () => setState({ key: filterKey, stack: stack.length > 1 ? stack.slice(0, -1) : stack }),
  };
}

export function Pager({ page, nextCursor, onPrev, onNext }: { page: number; nextCursor: string | null | undefined; onPrev: () => void; onNext: (cursor: string) => void }) {
  const t = useT();
  if (page === 1 && !nextCursor) return null;
  return (
    <nav style={{ display: 'flex', gap: 12, alignItems: 'center', justifyContent: 'flex-end', marginTop: 12 }} aria-label={t('evidence.page', { page })}>
      <Button variant="secondary" disabled={page === 1} onClick={onPrev}>
        {t('evidence.prevPage')}
      </Button>
      <span data-testid="page-number">{t('evidence.page', { page })}</span>
      <Button variant="secondary" disabled={!nextCursor} onClick={() => nextCursor && onNext(nextCursor)}>
        {t('evidence.nextPage')}
      </Button>
    </nav>
  );
}
