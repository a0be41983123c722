import type { KeyboardEvent } from 'react';
import type { DetailTab } from '../hooks/useScreens';

const tabs: Array<{ tab: DetailTab; label: string }> = [
  { tab: 'holdings', label: 'Holdings' },
  { tab: 'changes', label: 'Changes' },
];

/** The ids that tie a detail tab to its panel. */
export function tabIds(tab: DetailTab): { tab: string; panel: string } {
  return { tab: `detail-tab-${tab}`, panel: `detail-panel-${tab}` };
}

/** The props of a detail tab's panel: ARIA tabpanel, labelled by its tab, hidden unless chosen. */
export function tabPanelProps(tab: DetailTab, chosen: DetailTab) {
  const ids = tabIds(tab);
  return { id: ids.panel, role: 'tabpanel', 'aria-labelledby': ids.tab, hidden: tab !== chosen } as const;
}

/** The detail screen's tabs (ARIA tabs: arrow keys move between them, Home/End to the ends). */
export function DetailTabs({
  tab,
  onTab,
  changesBadge,
}: {
  tab: DetailTab;
  onTab: (tab: DetailTab) => void;
  /** Shown beside "Changes" when the latest change has not been looked at. */
  changesBadge: boolean;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.tab === tab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = tabs[(next + tabs.length) % tabs.length]!.tab;
    onTab(target);
    document.getElementById(tabIds(target).tab)?.focus();
  };
  return (
    <div className="detail-tabs" role="tablist" aria-label="Portfolio views" onKeyDown={onKeyDown}>
      {tabs.map(({ tab: each, label }) => (
        <button
          key={each}
          type="button"
          role="tab"
          id={tabIds(each).tab}
          aria-selected={each === tab}
          aria-controls={tabIds(each).panel}
          tabIndex={each === tab ? 0 : -1}
          className="detail-tab"
          onClick={() => onTab(each)}
          data-testid={`tab-${each}`}
        >
          {label}
          {each === 'changes' && changesBadge ? <span className="badge badge-new">New</span> : null}
        </button>
      ))}
    </div>
  );
}
