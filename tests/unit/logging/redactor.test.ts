import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/logging/logger';
import { Redactor } from '../../../main/logging/redactor';

describe('Redactor', () => {
  it('replaces every value it was told about', () => {
    const redactor = new Redactor();
    redactor.add('s3cr3t-value');
    expect(redactor.redact('a s3cr3t-value b s3cr3t-value')).toBe('a [redacted] b [redacted]');
  });

  it('replaces a secret in its JSON-escaped, URL-encoded and base64 forms too', () => {
    const secret = 'p@ss "word"\\/+=&ünï';
    const redactor = new Redactor();
    redactor.add(secret);
    const lines = [
      JSON.stringify({ note: `x ${secret} y` }),
      `body=${encodeURIComponent(secret)}`,
      new URLSearchParams({ client_secret_value: secret }).toString(),
      `basic ${Buffer.from(secret).toString('base64')}`,
      `b64url ${Buffer.from(secret).toString('base64url')}`,
    ];
    for (const line of lines) {
      const out = redactor.redact(line);
      expect(out).toContain('[redacted]');
      expect(out).not.toContain(secret);
      expect(out).not.toContain(encodeURIComponent(secret));
      expect(out).not.toContain(Buffer.from(secret).toString('base64').replace(/=+$/, ''));
    }
  });

  it.each([
    ['Authorization: Bearer abc.def.ghi', 'Authorization: Bearer [redacted]'],
    ['authorization=Basic Zm9vOmJhcg==', 'authorization=Basic [redacted]'],
    ['{"client_secret":"hunter2"}', '{"client_secret":"[redacted]"}'],
    ['client_secret=hunter2&grant_type=client_credentials', 'client_secret=[redacted]&grant_type=client_credentials'],
    ['{"accessTtoken":"tok123456"}', '{"accessTtoken":"[redacted]"}'],
    ['{"access_token": "tok123456"}', '{"access_token": "[redacted]"}'],
  ])('scrubs credential-shaped text: %s', (input, output) => {
    expect(new Redactor().redact(input)).toBe(output);
  });

  it('the logger redacts messages and fields, and serialises errors without their options', () => {
    const lines: string[] = [];
    const redactor = new Redactor();
    redactor.add('tok-abcdef');
    const logger = createLogger(redactor, (level, line) => lines.push(`${level}:${line}`));
    const error = Object.assign(new Error('failed with tok-abcdef'), {
      code: 'E1',
      options: { headers: { authorization: 'Bearer tok-abcdef' } },
    });
    logger.warn('call failed tok-abcdef', { error, header: 'Bearer tok-abcdef' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('tok-abcdef');
    expect(lines[0]).toContain('"code":"E1"');
    expect(lines[0]).not.toContain('options');
  });
});
