import type { ConnectionState } from '../common/connection-state';
import type { DiagnosticsReport } from '../common/diagnostics';
import { describeNetworkSetting } from './network/route-description';
import { networkOf } from './profiles/connection-way';
import type { MainServices } from './services';
import { updateDiagnosticsLine } from './update/update-diagnostics';

function describeConnection(connection: ConnectionState): string {
  if (connection.status === 'not-configured') return 'Connection: not configured';
  const problem = 'error' in connection ? `; last error ${connection.error.code}: ${connection.error.message}` : '';
  return `Connection: ${connection.status}; last synced ${connection.lastSyncedAt ?? 'never'}; ${connection.portfolioCount} portfolios${problem}`;
}

/** Builds the report and puts its text on the clipboard (Settings → Copy diagnostics). */
export async function copyDiagnostics(services: MainServices): Promise<DiagnosticsReport> {
  const report = await buildDiagnostics(services);
  services.shell.copyText(report.text);
  return report;
}

/** Builds the redacted support report: what support needs, nothing secret (no secret, token or client id). */
export async function buildDiagnostics(services: MainServices): Promise<DiagnosticsReport> {
  const [state, connection, keychain, updates] = await Promise.all([
    services.profiles.state(),
    services.portfolios.state(),
    services.secrets.probe(),
    services.updates.state(),
  ]);
  const report: Omit<DiagnosticsReport, 'text'> = {
    generatedAt: new Date(services.clock.now()).toISOString(),
    app: {
      name: services.identity.appName,
      version: services.identity.version,
      platform: services.identity.platform,
      arch: process.arch,
      electron: services.identity.electronVersion,
      chrome: process.versions.chrome ?? null,
      node: process.versions.node,
    },
    keychain: keychain.available ? 'available' : `unavailable: ${keychain.reason}`,
    profiles: state.profiles.map((profile) => ({
      name: profile.name,
      baseUrl: profile.baseUrl,
      tokenStyle: profile.tokenStyle,
      demo: profile.demo,
      hasSecret: profile.hasSecret,
      active: profile.id === state.activeProfileId,
      network: describeNetworkSetting(networkOf(profile)),
    })),
    connection,
    recentProblems: services.recentLog.lines(),
  };
  const lines = [
    `Model Portfolios diagnostics, ${report.generatedAt}`,
    `App ${report.app.version} on ${report.app.platform}/${report.app.arch}; Electron ${report.app.electron ?? 'n/a'}, Chrome ${report.app.chrome ?? 'n/a'}, Node ${report.app.node}`,
    `Keychain: ${report.keychain}`,
    'Profiles:',
    ...report.profiles.map(
      (p) =>
        `  ${p.active ? '*' : ' '} ${p.name}: ${p.baseUrl} (${p.tokenStyle}${p.demo ? ', demo' : ''}, secret ${p.hasSecret ? 'stored' : 'missing'}); ${p.network}`,
    ),
    describeConnection(connection),
    updateDiagnosticsLine(updates),
    'Recent problems:',
    ...(report.recentProblems.length ? report.recentProblems.map((line) => `  ${line}`) : ['  none']),
  ];
  // Every line already passed the redactor in the logger; run the whole report through it once more.
  return { ...report, text: services.redactor.redact(lines.join('\n')) };
}
