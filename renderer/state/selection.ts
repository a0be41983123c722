/** The browser's multi-selection: ids (kept across filters), plus the anchor a Shift-range starts from. */
export interface Selection {
  ids: ReadonlySet<string>;
  anchor: string | null;
}

/** Nothing selected. */
export const emptySelection: Selection = { ids: new Set(), anchor: null };

/** Selects just this one. */
export function selectOnly(id: string): Selection {
  return { ids: new Set([id]), anchor: id };
}

/** Adds or removes one id, which becomes the anchor. */
export function toggle(selection: Selection, id: string): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/** Selects the rows from the anchor to `id` (inclusive), in the shown order; keeps the rest when `add`. */
export function selectRange(selection: Selection, rowIds: readonly string[], id: string, add = false): Selection {
  const anchor = selection.anchor ?? id;
  let from = rowIds.indexOf(anchor);
  const to = rowIds.indexOf(id);
  if (to < 0) return selection;
  if (from < 0) from = to;
  const [start, end] = from <= to ? [from, to] : [to, from];
  const ids = new Set(add ? selection.ids : []);
  for (let i = start; i <= end; i += 1) ids.add(rowIds[i]!);
  return { ids, anchor };
}

/** Selects every shown row. */
export function selectAll(rowIds: readonly string[]): Selection {
  return { ids: new Set(rowIds), anchor: rowIds[0] ?? null };
}

/** Keeps only ids that still exist (after a sync or a profile switch). */
export function pruneSelection(selection: Selection, existing: ReadonlySet<string>): Selection {
  let changed = false;
  const ids = new Set<string>();
  for (const id of selection.ids) {
    if (existing.has(id)) ids.add(id);
    else changed = true;
  }
  if (!changed) return selection;
  return { ids, anchor: selection.anchor && existing.has(selection.anchor) ? selection.anchor : null };
}
