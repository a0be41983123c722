import { generate } from 'selfsigned';

/** The sandbox's TLS material: a CA made at start and a server certificate it signed for 127.0.0.1 and localhost. */
export interface SandboxTls {
  /** PEM of the CA: what a client must trust (and nothing else). */
  caPem: string;
  /** PEM of the server certificate and its private key. */
  cert: string;
  key: string;
}

/** Makes a fresh CA and a server certificate for 127.0.0.1, ::1 and localhost, valid for a day (EC P-256, SHA-256). */
export async function createSandboxTls(): Promise<SandboxTls> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 24 * 3600_000);
  const ca = await generate([{ name: 'commonName', value: 'Model Portfolios sandbox CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { caPem: ca.cert, cert: server.cert, key: server.private };
}
