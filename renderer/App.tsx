import { AboutPanel } from './components/AboutPanel';

/** The app's root component. */
export function App() {
  return (
    <div className="app-shell">
      <header className="app-header">
        <h1>Model Portfolios</h1>
      </header>
      <main className="app-main">
        <AboutPanel />
      </main>
    </div>
  );
}
