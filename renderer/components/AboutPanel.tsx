import { useAppInfo } from '../hooks/useAppInfo';

/** Shows what main reports about the app: version, platform, keychain. */
export function AboutPanel() {
  const info = useAppInfo();
  if (info.state === 'loading') return <p aria-busy="true">Checking the app…</p>;
  if (info.state === 'error') {
    return (
      <p role="alert" className="error-text">
        {info.error.message}
      </p>
    );
  }
  const { value } = info;
  return (
    <section className="card settings-section" aria-labelledby="about-heading">
      <h3 id="about-heading">About this app</h3>
      <dl className="facts" data-testid="app-info">
        <dt>Version</dt>
        <dd data-testid="app-version">{value.version}</dd>
        <dt>Platform</dt>
        <dd data-testid="app-platform">{value.platform}</dd>
        <dt>Electron</dt>
        <dd>{value.electronVersion ?? 'not running in Electron'}</dd>
        <dt>OS keychain</dt>
        <dd data-testid="app-keychain">
          {value.keychain.available ? 'Available' : `Unavailable: ${value.keychain.reason}`}
        </dd>
      </dl>
    </section>
  );
}
