import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { MenuCommand } from '../common/app-info';
import type { ProfileView } from '../common/profile';
import type { ProfilesState } from '../common/profiles-state';
import type { ExportKind } from '../common/sync-outcome';
import { api } from './bridge';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ErrorNotice } from './components/ErrorNotice';
import { NoticeToast } from './components/NoticeToast';
import { StatusBar } from './components/StatusBar';
import { plural } from './format/format';
import { useConnectionState } from './hooks/useConnectionState';
import { useExport } from './hooks/useExport';
import { useMenuCommand } from './hooks/useMenuCommand';
import { useNotice } from './hooks/useNotice';
import { useNow } from './hooks/useNow';
import { useOnlineResync } from './hooks/useOnlineResync';
import { usePortfolioListing } from './hooks/usePortfolioListing';
import { useProfiles } from './hooks/useProfiles';
import { BrowserScreen } from './screens/BrowserScreen';
import { DetailScreen } from './screens/DetailScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { SetupScreen } from './screens/SetupScreen';
import { WelcomeScreen } from './screens/WelcomeScreen';
import { buildSearchIndex, filterInOrder, riskLevelsOf, sortOrder } from './state/browser-query';
import { effectiveScope, exportIds, initialBrowserState, type BrowserState } from './state/browser-state';
import { pruneSelection } from './state/selection';

/** The app's screens: a small state machine instead of a router. */
export type Screen =
  | { name: 'welcome' }
  | { name: 'setup'; profile: ProfileView | null; back: 'welcome' | 'settings' }
  | { name: 'browser' }
  | { name: 'detail'; id: string }
  | { name: 'settings' };

const noPortfolios: never[] = [];
/** Where the browser list was scrolled, per profile, so coming back from a portfolio lands in the same place. */
const scrollMemory = new Map<string | null, number>();

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** The app's root: screens, status bar, notices, menu commands and re-sync on reconnect. */
export function App() {
  const profiles = useProfiles();
  const connection = useConnectionState();
  const now = useNow();
  const { notice, show, dismiss } = useNotice();
  const exporter = useExport(show);
  const [chosenScreen, setScreen] = useState<Screen | null>(null);
  const pendingFocus = useRef<'search' | 'grid' | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const profileList = profiles.state?.profiles ?? null;
  const activeProfileId = profiles.state?.activeProfileId ?? null;
  const configured = (profileList?.length ?? 0) > 0;
  const listing = usePortfolioListing(configured ? activeProfileId : null);

  // The screen: what the user chose, else where a start lands (first run or the browser).
  let screen: Screen | null = chosenScreen;
  if (profileList === null) screen = null;
  else if (!configured && (screen === null || screen.name === 'browser' || screen.name === 'detail')) {
    screen = { name: 'welcome' };
  } else if (screen === null) screen = { name: 'browser' };

  // Browser state belongs to one profile; a switch starts afresh.
  const [browserSlot, setBrowserSlot] = useState<{ profileId: string | null; state: BrowserState }>({
    profileId: null,
    state: initialBrowserState,
  });
  const browserRaw = browserSlot.profileId === activeProfileId ? browserSlot.state : initialBrowserState;
  const updateBrowser = useCallback(
    (update: (state: BrowserState) => BrowserState) =>
      setBrowserSlot((slot) => ({
        profileId: activeProfileId,
        state: update(slot.profileId === activeProfileId ? slot.state : initialBrowserState),
      })),
    [activeProfileId],
  );

  const portfolios = listing.listing?.portfolios ?? noPortfolios;
  const searchIndex = useMemo(() => buildSearchIndex(portfolios), [portfolios]);
  const riskLevels = useMemo(() => riskLevelsOf(portfolios), [portfolios]);
  const idSet = useMemo(() => new Set(portfolios.map((p) => p.id)), [portfolios]);
  const browser = useMemo(
    () => ({ ...browserRaw, selection: pruneSelection(browserRaw.selection, idSet) }),
    [browserRaw, idSet],
  );
  const deferredQuery = useDeferredValue(browser.query);
  // Sorting happens once per data set and column; each keystroke only filters the sorted order.
  const order = useMemo(() => sortOrder(portfolios, deferredQuery.sort), [portfolios, deferredQuery.sort]);
  const rows = useMemo(
    () => filterInOrder(portfolios, searchIndex, order, deferredQuery),
    [portfolios, searchIndex, order, deferredQuery],
  );

  // Main may switch the active profile on its own (demo start, delete): follow it.
  // (Once per profile id, so a state that never agrees cannot loop.)
  const { reload: reloadProfiles } = profiles;
  const followedProfile = useRef<string | null>(null);
  useEffect(() => {
    const id = connection.profileId;
    if (id === null || profileList === null || id === activeProfileId || followedProfile.current === id) return;
    followedProfile.current = id;
    void reloadProfiles();
  }, [connection.profileId, activeProfileId, profileList, reloadProfiles]);

  const syncNow = useCallback(
    async (explicit: boolean) => {
      const result = await api().sync.now();
      if (!explicit) return;
      if (result.ok) {
        show({
          kind: 'info',
          message:
            result.value.status === 'unchanged'
              ? `Up to date: ${plural(result.value.portfolioCount, 'portfolio')}.`
              : `Synced ${plural(result.value.portfolioCount, 'portfolio')}.`,
        });
      } else if (result.error.code !== 'SYNC_IN_PROGRESS') {
        show({ kind: 'error', message: result.error.message });
      }
    },
    [show],
  );
  const cancelSync = useCallback(() => void api().sync.cancel(), []);

  useOnlineResync(configured, () => void syncNow(false));

  const exportFromBrowser = (kind: ExportKind) => {
    if (!listing.listing || listing.listing.portfolios.length === 0) {
      show({ kind: 'error', message: 'There is no data to export yet. Sync to download the model portfolios.' });
      return;
    }
    const ids = exportIds(
      effectiveScope(browser),
      browser.selection,
      rows.map((p) => p.id),
    );
    void exporter.run(kind, ids);
  };

  const go = (next: Screen, focus: 'search' | 'grid' | null = null) => {
    pendingFocus.current = focus;
    setScreen(next);
  };

  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = null;
    if (target === 'search') searchRef.current?.focus();
    else document.querySelector<HTMLElement>('[data-testid="portfolio-grid"]')?.focus({ preventScroll: true });
  });

  const onMenu = (command: MenuCommand) => {
    switch (command) {
      case 'sync-now':
        if (configured) void syncNow(true);
        break;
      case 'export-list':
      case 'export-holdings': {
        const kind = command === 'export-list' ? 'list' : 'holdings';
        if (screen?.name === 'detail') void exporter.run(kind, [screen.id]);
        else if (configured) exportFromBrowser(kind);
        else
          show({
            kind: 'error',
            message: 'No connection is set up yet. Connect to your API or explore with demo data.',
          });
        break;
      }
      case 'open-settings':
        go({ name: 'settings' });
        break;
      case 'focus-search':
        if (configured) go({ name: 'browser' }, 'search');
        break;
    }
  };
  useMenuCommand(onMenu);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      if (event.key === '/' && !isTyping(event.target) && configured) {
        event.preventDefault();
        pendingFocus.current = 'search';
        setScreen({ name: 'browser' });
      } else if (event.key === 'Escape' && screen?.name === 'detail' && !isTyping(event.target)) {
        event.preventDefault();
        pendingFocus.current = 'grid';
        setScreen({ name: 'browser' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [configured, screen?.name]);

  const afterProfilesChange = (state: ProfilesState) => {
    profiles.set(state);
    if (state.profiles.length === 0) go({ name: 'welcome' });
  };

  const onDemoStarted = (state: ProfilesState) => {
    profiles.set(state);
    go({ name: 'browser' });
  };

  // Main re-syncs by itself when the active profile changes or its credentials do.
  const onSetupSaved = async (profile: ProfileView, created: boolean) => {
    const listed = await api().profiles.list();
    if (created && listed.ok && listed.value.activeProfileId !== profile.id) {
      const activated = await api().profiles.activate({ profileId: profile.id });
      if (activated.ok) profiles.set(activated.value);
    } else if (listed.ok) {
      profiles.set(listed.value);
    }
    show({ kind: 'info', message: created ? `Connected “${profile.name}”.` : `Saved “${profile.name}”.` });
    if (created) go({ name: 'browser' });
    else go(screen?.name === 'setup' && screen.back === 'welcome' ? { name: 'welcome' } : { name: 'settings' });
  };

  const screenName = screen?.name ?? null;
  useEffect(() => {
    const titles: Record<Screen['name'], string> = {
      welcome: 'Welcome',
      setup: 'Connection',
      browser: 'Portfolios',
      detail: 'Portfolio',
      settings: 'Settings',
    };
    document.title = screenName ? `${titles[screenName]} — Model Portfolios` : 'Model Portfolios';
  }, [screenName]);

  const openSettings = () => go({ name: 'settings' });
  const onBrowserScreens = screen?.name === 'browser' || screen?.name === 'detail';

  let content;
  if (screen === null) {
    content = profiles.error ? (
      <ErrorNotice
        error={profiles.error}
        action={
          <button type="button" className="button small" onClick={() => void profiles.reload()}>
            Try again
          </button>
        }
      />
    ) : (
      <p className="empty-state" aria-busy="true">
        Starting…
      </p>
    );
  } else {
    switch (screen.name) {
      case 'welcome':
        content = (
          <WelcomeScreen
            notice={profiles.state?.notice ?? null}
            onConnect={() => go({ name: 'setup', profile: null, back: 'welcome' })}
            onDemoStarted={onDemoStarted}
          />
        );
        break;
      case 'setup':
        content = (
          <SetupScreen
            profile={screen.profile}
            onSaved={onSetupSaved}
            onCancel={() => go({ name: screen.back === 'welcome' && !configured ? 'welcome' : screen.back })}
          />
        );
        break;
      case 'browser':
        content = (
          <BrowserScreen
            listing={listing}
            rows={rows}
            riskLevels={riskLevels}
            state={browser}
            onStateChange={updateBrowser}
            connection={connection}
            searchRef={searchRef}
            exportBusy={exporter.busy}
            onExport={exportFromBrowser}
            onOpen={(id) => go({ name: 'detail', id })}
            onSyncNow={() => void syncNow(true)}
            initialScrollOffset={scrollMemory.get(activeProfileId) ?? 0}
            onScrollOffset={(offset) => scrollMemory.set(activeProfileId, offset)}
          />
        );
        break;
      case 'detail':
        content = (
          <DetailScreen
            id={screen.id}
            generation={listing.listing}
            exportBusy={exporter.busy}
            onBack={() => go({ name: 'browser' }, 'grid')}
            onExport={(kind, ids) => void exporter.run(kind, ids)}
          />
        );
        break;
      case 'settings':
        content = (
          <SettingsScreen
            profiles={profiles.state}
            connection={connection}
            now={now}
            onProfilesChanged={afterProfilesChange}
            onAdd={() => go({ name: 'setup', profile: null, back: 'settings' })}
            onEdit={(profile) => go({ name: 'setup', profile, back: 'settings' })}
            onDemoStarted={onDemoStarted}
            onNotice={show}
            onSecretReplaced={(profile) => {
              show({
                kind: 'info',
                message: `Replaced the secret of “${profile.name}”. The app signs in again with it.`,
              });
              if (profile.id === activeProfileId) void syncNow(false);
            }}
          />
        );
        break;
    }
  }

  return (
    <div className="app-shell">
      <header className="app-header">
        <h1>Model Portfolios</h1>
        <nav aria-label="Main" className="app-nav">
          {configured ? (
            <button
              type="button"
              className="nav-button"
              aria-current={onBrowserScreens ? 'page' : undefined}
              onClick={() => go({ name: 'browser' }, 'grid')}
            >
              Portfolios
            </button>
          ) : null}
          <button
            type="button"
            className="nav-button"
            aria-current={screen?.name === 'settings' ? 'page' : undefined}
            onClick={openSettings}
          >
            Settings
          </button>
        </nav>
      </header>
      {onBrowserScreens ? (
        <ConnectionBanner
          connection={connection}
          now={now}
          onRetry={() => void syncNow(true)}
          onOpenSettings={openSettings}
        />
      ) : null}
      <main className={`app-main screen-${screen?.name ?? 'loading'}`}>{content}</main>
      <NoticeToast
        notice={notice}
        onDismiss={dismiss}
        onShowInFolder={(path) => {
          void api()
            .export.showInFolder({ path })
            .then((result) => {
              if (!result.ok) show({ kind: 'error', message: result.error.message });
            });
        }}
      />
      <StatusBar
        connection={connection}
        now={now}
        onSyncNow={() => void syncNow(true)}
        onCancelSync={cancelSync}
        onOpenSettings={openSettings}
      />
    </div>
  );
}
