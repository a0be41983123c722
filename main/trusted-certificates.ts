import type * as tls from 'node:tls';

type TlsCertificateApi = Pick<typeof tls, 'getCACertificates' | 'setDefaultCACertificates'>;

/**
 * Trusts the operating system's certificate store as well as Node's bundled one, so firms whose
 * proxy inspects TLS with a company root (installed on managed laptops) can reach the API. The
 * NODE_OPTIONS fuse is off in release builds, so NODE_EXTRA_CA_CERTS cannot do this job.
 * Returns how many certificates are trusted now, or null where this Node cannot do it.
 */
export function trustSystemCertificates(api: Partial<TlsCertificateApi>): number | null {
  if (typeof api.getCACertificates !== 'function' || typeof api.setDefaultCACertificates !== 'function') return null;
  const merged = [...new Set([...api.getCACertificates('default'), ...api.getCACertificates('system')])];
  api.setDefaultCACertificates(merged);
  return merged.length;
}
