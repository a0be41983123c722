import { useAppInfo } from '../data/queries';
import { UpdateAboutFacts } from './UpdateAbout';

/** Shows what main reports about the app: version, platform, keychain. */
export function AboutPanel() {
  const { data: value, error } = useAppInfo();
  if (error) {
    return (
      <p role="alert" className="error-text">
        {error.message}
      </p>
    );
  }
  if (!value) return <p aria-busy="true">Checking the app…</p>;
  return (
    <section className="card settings-section" aria-labelledby="about-heading">
      <h3 id="about-heading">About this app</h3>
      <dl className="facts" data-testid="app-info">
        <dt>Version</dt>
        <dd data-testid="app-version">{value.version}</dd>
        {/* Updates (issue 14) */}
        <UpdateAboutFacts />
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

/** The About facts on one line (first-run screen), with a warning when the keychain cannot be used. */
export function AboutLine() {
  const { data: value } = useAppInfo();
  if (!value) return null;
  return (
    <>
      {value.keychain.available ? null : (
        <div role="alert" className="notice notice-error">
          <span className="notice-icon" aria-hidden="true">
            !
          </span>
          <div className="notice-text">
            The system keychain is not available, so connections cannot be saved yet: {value.keychain.reason}
          </div>
        </div>
      )}
      <p className="about-line muted" data-testid="app-info">
        {value.appName} <span data-testid="app-version">{value.version}</span> ·{' '}
        <span data-testid="app-platform">{value.platform}</span> · System keychain:{' '}
        <span data-testid="app-keychain">
          {value.keychain.available ? 'Available' : `Unavailable: ${value.keychain.reason}`}
        </span>
      </p>
    </>
  );
}
