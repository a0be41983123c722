import { createContext } from 'react';

/** Ids of portfolios whose last change the user has not looked at, for the grid's "Changed" cells. */
export const UnseenChanges = createContext<ReadonlySet<string>>(new Set());
