/** One step of "Test connection", in plain words. */
export interface ConnectionTestStep {
  id: 'reach' | 'credentials' | 'api';
  label: string;
  status: 'ok' | 'failed' | 'skipped';
  /** What happened, in plain words (an error's message when it failed). */
  detail: string;
}

/** The outcome of "Test connection": every step, and whether all passed. */
export interface ConnectionTestReport {
  ok: boolean;
  steps: ConnectionTestStep[];
}
