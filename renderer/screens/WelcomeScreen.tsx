import type { AppErrorData } from '../../common/result';
import { api } from '../bridge';
import { AboutLine } from '../components/AboutPanel';
import { ErrorNotice } from '../components/ErrorNotice';
import { queryKeys } from '../data/query-keys';
import { useMainAction } from '../data/useMainAction';

/** First run: connect to your API, or explore with demo data. */
export function WelcomeScreen({
  notice,
  onConnect,
  onDemoStarted,
}: {
  /** Set when the settings file was damaged and set aside. */
  notice: AppErrorData | null;
  onConnect: () => void;
  onDemoStarted: () => void;
}) {
  // Main starts the sandbox, saves and activates its profile; its events bring the new profile here.
  const demo = useMainAction(() => api().demo.start(), { settles: [queryKeys.profiles], onSuccess: onDemoStarted });
  const starting = demo.pending;

  return (
    <section className="welcome" aria-labelledby="welcome-heading" data-testid="welcome-screen">
      <h2 id="welcome-heading" className="welcome-title">
        Welcome to Model Portfolios
      </h2>
      <p className="welcome-lead">
        See your partner’s model portfolios, browse them offline, and export them to CSV. Start in one of two ways:
      </p>
      {notice ? <ErrorNotice error={notice} /> : null}
      <div className="welcome-paths">
        <div className="path-card">
          <h3>Connect to your API</h3>
          <p>
            Enter the base URL, client ID and client secret your API provider gave you. The secret is kept in your
            system keychain.
          </p>
          <button type="button" className="button primary" onClick={onConnect}>
            Connect to your API…
          </button>
        </div>
        <div className="path-card">
          <h3>Explore with demo data</h3>
          <p>
            Runs a built-in copy of the partner API on this computer (127.0.0.1) with generated credentials. The app
            signs in, syncs and caches exactly as it would with a real API.
          </p>
          <button
            type="button"
            className="button"
            onClick={() => void demo.run()}
            disabled={starting}
            aria-busy={starting}
          >
            {starting ? 'Starting the demo…' : 'Explore with demo data'}
          </button>
        </div>
      </div>
      {demo.error ? <ErrorNotice error={demo.error} title="The demo did not start." /> : null}
      <AboutLine />
    </section>
  );
}
