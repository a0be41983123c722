import { versionedAccept } from './accept';
import { type Sandbox } from './server';

/** What the CLI prints once the sandbox listens: address, demo credentials and curl lines to try. */
export function cliBanner(sandbox: Sandbox): string {
  const { baseUrl, credentials, options, caPem } = sandbox;
  // With --tls, curl must trust the sandbox's CA: save the PEM printed below as sandbox-ca.pem.
  const cacert = caPem ? `--cacert sandbox-ca.pem ` : '';
  const jsonBody = JSON.stringify({
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    grant_type: 'client_credentials',
  });
  const tokenCurl =
    options.mode === 'rfc'
      ? `curl ${cacert}--request POST --url "${baseUrl}/oauth/token" \\\n` +
        `    --user '${credentials.clientId}:${credentials.clientSecret}' \\\n` +
        `    --data 'grant_type=client_credentials'`
      : `curl ${cacert}--request POST --url "${baseUrl}/oauth/token" \\\n` +
        `    --header '${'Accept: ' + versionedAccept}' \\\n` +
        `    --header 'Content-Type: application/json' \\\n` +
        `    --data '${jsonBody}'`;
  const lines = [
    `Model portfolio sandbox listening on ${baseUrl}`,
    `  base URL:      ${baseUrl}`,
    `  client id:     ${credentials.clientId}`,
    `  client secret: ${credentials.clientSecret}`,
    `  data:          ${options.portfolios} portfolios, seed ${options.seed}, ${options.pagination} pagination, ` +
      `page size ${options.pageSize}`,
    ...(options.revisions > 0 || options.revisionIntervalMs > 0
      ? [
          `  revisions:     ${options.revisions} at start` +
            (options.revisionIntervalMs > 0 ? `, then one every ${options.revisionIntervalMs / 1000} s` : ''),
        ]
      : []),
    ...(options.faults
      ? [`  admin:         ${baseUrl}/__admin/ (faults enabled)`, `  foreign origin: ${sandbox.foreign.baseUrl}`]
      : []),
    ...(caPem
      ? [
          '',
          'TLS: the server certificate was signed by this CA, made at start. Trust it (and nothing else),',
          'e.g. save it as sandbox-ca.pem for curl --cacert:',
          caPem.trim(),
        ]
      : []),
    '',
    'Try:',
    `  ${tokenCurl}`,
    `  curl ${cacert}--request GET --url "${baseUrl}/model-portfolios" \\\n` +
      `    --header '${'Accept: ' + versionedAccept}' \\\n` +
      `    --header "Authorization: Bearer $ACCESS_TOKEN"`,
    '',
    'Press Ctrl+C to stop.',
  ];
  return `${lines.join('\n')}\n`;
}
