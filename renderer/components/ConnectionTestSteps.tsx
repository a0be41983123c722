import type { ConnectionTestReport } from '../../common/connection-test';

const icons = { ok: '✓', failed: '✕', skipped: '–' } as const;
const words = { ok: 'passed', failed: 'failed', skipped: 'not tried' } as const;

/** "Test connection": each step with its result in plain words. */
export function ConnectionTestSteps({ report }: { report: ConnectionTestReport }) {
  return (
    <div className={`test-report ${report.ok ? 'test-ok' : 'test-failed'}`} data-testid="test-report">
      <p className="test-summary">
        <strong>{report.ok ? 'Connection works.' : 'Connection test failed.'}</strong>
      </p>
      <ol className="test-steps">
        {report.steps.map((step) => (
          <li key={step.id} className={`test-step step-${step.status}`} data-testid={`test-step-${step.id}`}>
            <span className="step-icon" aria-hidden="true">
              {icons[step.status]}
            </span>
            <span className="step-text">
              <span className="step-label">
                {step.label} <span className="sr-only">({words[step.status]})</span>
              </span>
              <span className="step-detail">{step.detail}</span>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
