import { ChangedModelsDialog } from './components/ChangedModelsDialog';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ErrorNotice } from './components/ErrorNotice';
import { NoticeToast } from './components/NoticeToast';
import { ProxySignInDialog } from './components/ProxySignInDialog';
import { StatusBar } from './components/StatusBar';
import { useProfiles } from './data/queries';
import { useBrowser } from './hooks/useBrowser';
import { useChangedList } from './hooks/useChangedList';
import { useExport } from './hooks/useExport';
import { useMenuCommands } from './hooks/useMenuCommands';
import { useNotice } from './hooks/useNotice';
import { useOnlineResync } from './hooks/useOnlineResync';
import { useScreens, type Screen } from './hooks/useScreens';
import { useShortcuts } from './hooks/useShortcuts';
import { useStableCallback } from './hooks/useStableCallback';
import { useSync } from './hooks/useSync';
import { BrowserScreen } from './screens/BrowserScreen';
import { CompareScreen } from './screens/CompareScreen';
import { DetailScreen } from './screens/DetailScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { SetupScreen } from './screens/SetupScreen';
import { WelcomeScreen } from './screens/WelcomeScreen';

/** The app's root: the layout (header, banner, screen, notices, status bar) and which screen shows. */
export function App() {
  const profiles = useProfiles();
  const { notice, show, dismiss } = useNotice();
  const screens = useScreens(profiles.data);
  const { screen, configured, go } = screens;
  const exporter = useExport(show);
  const sync = useSync(show);
  const browser = useBrowser({ screens, exporter, sync, show });
  useMenuCommands({ screens, sync, exporter, browser, show });
  useShortcuts(screens);
  useOnlineResync(configured, () => sync.syncNow(false));
  const changedList = useChangedList();

  // The status bar, banner and notices are memoised: stable callbacks keep a keystroke in the search box from
  // rendering them again (only the browser depends on what was typed).
  const openSettings = useStableCallback(() => go({ name: 'settings' }));
  const syncNow = useStableCallback(browser.syncNow);
  const cancelSync = useStableCallback(sync.cancel);
  const showInFolder = useStableCallback(exporter.showInFolder);
  const onBrowserScreens = screen?.name === 'browser' || screen?.name === 'detail' || screen?.name === 'compare';

  const route = (current: Screen) => {
    switch (current.name) {
      case 'welcome':
        return (
          <WelcomeScreen
            notice={profiles.data?.notice ?? null}
            onConnect={() => go({ name: 'setup', profile: null, back: 'welcome' })}
            onDemoStarted={() => go({ name: 'browser' })}
          />
        );
      case 'setup':
        return (
          <SetupScreen
            profile={current.profile}
            onSaved={(saved, created) => {
              show({ kind: 'info', message: `${created ? 'Connected' : 'Saved'} “${saved.name}”.` });
              go(created ? { name: 'browser' } : { name: current.back });
            }}
            onCancel={() => go({ name: current.back })}
          />
        );
      case 'browser':
        return <BrowserScreen view={browser} />;
      case 'detail':
        return (
          <DetailScreen
            id={current.id}
            exportBusy={exporter.busy}
            onBack={() => go({ name: 'browser' }, 'grid')}
            onExport={exporter.run}
            initialTab={current.tab}
            onNotice={show}
          />
        );
      // Model changes (issue 15)
      case 'compare':
        return <CompareScreen ids={current.ids} onBack={() => go({ name: 'browser' }, 'grid')} onNotice={show} />;
      case 'settings':
        return (
          <SettingsScreen
            onAdd={() => go({ name: 'setup', profile: null, back: 'settings' })}
            onEdit={(profile) => go({ name: 'setup', profile, back: 'settings' })}
            onDemoStarted={() => go({ name: 'browser' })}
            onRemovedLast={() => go({ name: 'welcome' })}
            onNotice={show}
          />
        );
    }
  };

  const loading = profiles.error ? (
    <ErrorNotice error={profiles.error} retry={{ run: profiles.retry }} />
  ) : (
    <p className="empty-state" aria-busy="true">
      Starting…
    </p>
  );

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
      {onBrowserScreens ? <ConnectionBanner onRetry={syncNow} onOpenSettings={openSettings} /> : null}
      <main className={`app-main screen-${screen?.name ?? 'loading'}`}>{screen ? route(screen) : loading}</main>
      <NoticeToast notice={notice} onDismiss={dismiss} onShowInFolder={showInFolder} />
      <StatusBar
        onSyncNow={syncNow}
        onCancelSync={cancelSync}
        onOpenSettings={openSettings}
        onShowChanges={changedList.show}
      />
      {changedList.open && configured ? (
        <ChangedModelsDialog
          onClose={changedList.close}
          onOpen={(id) => {
            changedList.close();
            go({ name: 'detail', id, tab: 'changes' });
          }}
        />
      ) : null}
      {/* Network (issue 13): asks for the proxy's user name and password when main needs them. */}
      <ProxySignInDialog />
    </div>
  );
}
