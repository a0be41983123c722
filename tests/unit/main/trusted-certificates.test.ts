import { describe, expect, it } from 'vitest';
import { trustSystemCertificates } from '../../../main/trusted-certificates';

describe('trustSystemCertificates', () => {
  it('trusts the bundled and the system certificates, once each', () => {
    let installed: string[] = [];
    const count = trustSystemCertificates({
      getCACertificates: (type) => (type === 'system' ? ['corp-root', 'shared'] : ['bundled-1', 'shared']),
      setDefaultCACertificates: (certs) => {
        installed = [...certs] as string[];
      },
    });
    expect(installed.sort()).toEqual(['bundled-1', 'corp-root', 'shared']);
    expect(count).toBe(3);
  });

  it('does nothing where Node lacks the API', () => {
    expect(trustSystemCertificates({})).toBeNull();
  });
});
