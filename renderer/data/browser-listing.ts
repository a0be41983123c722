import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { PortfolioListing, PortfolioSummary } from '../../common/portfolio-summary';
import { api } from '../bridge';
import { firstScreenAskedMark, firstScreenRows, takeEarlyFirstScreen } from './first-screen-ask';
import { unwrap } from './main-result';
import { useActiveProfile, useListing, type MainData } from './queries';
import { queryKeys } from './query-keys';

/** The performance mark the UI benchmark reads: when the first screen reached the renderer. */
export const firstScreenMark = 'mp:first-screen-ready';
/** How long the whole list waits for a frame after the first screen (a window that paints none, e.g. minimised). */
const paintWaitMs = 250;

/** The browser's rows as they stand: one object per change, so a view can defer it whole. */
export interface ListingRows {
  /** The first screen (by name, then id) or the whole list. */
  portfolios: readonly PortfolioSummary[];
  /** Only the first screen is on hand; the whole list follows. */
  partial: boolean;
  /** Every portfolio on hand, whichever is shown. */
  total: number;
}

/** The browser's data: main's listing (the first screen stands in for it until the whole list is here) and its rows. */
export interface BrowserListing {
  listing: MainData<PortfolioListing>;
  rows: ListingRows;
}

const noRows: ListingRows = { portfolios: [], partial: false, total: 0 };

async function firstScreenOf(profileId: string) {
  const asked = takeEarlyFirstScreen();
  const answer = asked ? await asked.catch(() => null) : null;
  if (answer?.ok && answer.value.profileId === profileId) return answer.value;
  performance.mark(firstScreenAskedMark);
  return unwrap(await api().portfolios.firstScreen({ limit: firstScreenRows }));
}

/** True once a frame has gone by since `value` (non-null) was shown, or after paintWaitMs at the latest. */
function usePaintedSince(value: object | null): boolean {
  const [painted, setPainted] = useState<object | null>(null);
  useEffect(() => {
    if (value === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(value), 0);
    });
    const fallback = setTimeout(() => setPainted(value), paintWaitMs);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, [value]);
  return value !== null && painted === value;
}

/**
 * The active profile's portfolios for the browser, fast: the first screen (a hundred rows by name, and the
 * total) is asked first and shown at once; the whole list is asked once that screen has been painted, and
 * replaces it. Once the whole list is cached (later visits, syncs), it alone is read again.
 */
export function useBrowserListing(): BrowserListing {
  const profileId = useActiveProfile()?.id ?? null;
  const client = useQueryClient();
  const wholeCached = profileId !== null && client.getQueryData(queryKeys.listing(profileId)) !== undefined;
  const first = useQuery({
    queryKey: queryKeys.firstScreen(profileId ?? ''),
    queryFn: async () => {
      const screen = await firstScreenOf(profileId ?? '');
      performance.mark(firstScreenMark, { detail: screen.portfolios.length });
      return screen;
    },
    enabled: profileId !== null && !wholeCached,
  });
  const screen = first.data && first.data.profileId === profileId ? first.data : null;
  const painted = usePaintedSince(screen);
  const whole = useListing(wholeCached || first.isError || painted);

  const wholeData = whole.data;
  const rows = useMemo<ListingRows>(() => {
    if (wholeData) return { portfolios: wholeData.portfolios, partial: false, total: wholeData.portfolios.length };
    if (screen) return { portfolios: screen.portfolios, partial: true, total: screen.total };
    return noRows;
  }, [wholeData, screen]);
  const screenListing = useMemo<PortfolioListing | null>(
    () =>
      screen && { profileId: screen.profileId, syncedAt: screen.syncedAt, portfolios: screen.portfolios, issues: [] },
    [screen],
  );

  if (wholeData || (!screenListing && whole.error)) return { listing: whole, rows };
  if (screenListing) return { listing: { ...whole, data: screenListing, error: null, loading: false }, rows };
  return { listing: { ...whole, loading: profileId !== null }, rows };
}
