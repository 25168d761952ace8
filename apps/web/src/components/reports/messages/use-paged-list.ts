'use client';

import { useCallback, useState } from 'react';
import type { Page } from '../../../lib/api/reports-messages.ts';
import { useResource } from '../../../lib/use-resource.ts';

/** A keyset-paged list: the first page reloads when `deps` change; "Load more" appends the next. */
export function usePagedList<T>(load: (cursor: string | null) => Promise<Page<T>>, deps: unknown[]) {
  const first = useResource(() => load(null), deps);
  const [more, setMore] = useState<{ items: T[]; nextCursor: string | null; key: unknown } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const key = first.data;
  const extra = more && more.key === key ? more : null;
  const items = first.data ? [...first.data.items, ...(extra?.items ?? [])] : undefined;
  const nextCursor = extra ? extra.nextCursor : (first.data?.nextCursor ?? null);
  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await load(nextCursor);
      setMore({ items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor, key });
    } finally {
      setLoadingMore(false);
    }
  }, [nextCursor, load, extra, key]);
  return { ...first, items, nextCursor, loadMore, loadingMore };
}
