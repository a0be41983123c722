import { useEffect, useState } from 'react';
import type { PortfolioListing } from '../../common/portfolio-summary';
import type { AppErrorData } from '../../common/result';
import { api } from '../bridge';

/** The active profile's portfolios, or why there are none. */
export interface ListingState {
  listing: PortfolioListing | null;
  error: AppErrorData | null;
  loading: boolean;
}

/** Performance marks the UI benchmark reads: when the listing arrived, and when its rows were painted. */
export const listingReadyMark = 'mp:listing-ready';

/** Lists the active profile's portfolios, and lists again whenever main says they changed. */
export function usePortfolioListing(profileId: string | null): ListingState {
  const [state, setState] = useState<ListingState>({ listing: null, error: null, loading: profileId !== null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => api().portfolios.onChanged(() => setGeneration((n) => n + 1)), []);

  useEffect(() => {
    if (profileId === null) return;
    let live = true;
    void api()
      .portfolios.list()
      .then((result) => {
        if (!live) return;
        if (result.ok) {
          performance.mark(listingReadyMark, { detail: result.value.portfolios.length });
          setState({ listing: result.value, error: null, loading: false });
        } else {
          setState((current) => ({
            // A failed re-list keeps what is on screen, unless it belongs to another profile.
            listing: current.listing?.profileId === profileId ? current.listing : null,
            error: result.error,
            loading: false,
          }));
        }
      });
    return () => {
      live = false;
    };
  }, [profileId, generation]);

  if (profileId === null) return { listing: null, error: null, loading: false };
  if (state.listing && state.listing.profileId !== profileId) return { listing: null, error: null, loading: true };
  return state;
}
