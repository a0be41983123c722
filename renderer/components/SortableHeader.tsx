/** A sortable column's header cell: a button naming the column, its direction shown and given to screen readers. */
export function SortableHeader<K extends string>({
  columnKey,
  label,
  numeric,
  sort,
  onSort,
}: {
  columnKey: K;
  label: string;
  numeric?: boolean;
  sort: { key: K; direction: 'ascending' | 'descending' };
  onSort: (key: K) => void;
}) {
  const sorted = sort.key === columnKey;
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={sorted ? sort.direction : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(columnKey)}>
        {label}
        <span className="sort-indicator" aria-hidden="true">
          {sorted ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}
