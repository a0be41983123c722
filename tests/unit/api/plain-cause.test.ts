import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { plainCause } from '../../../main/api/plain-cause';

describe('keeping an error’s cause for the log', () => {
  it('keeps name, code and message down the chain, and none of the request options', () => {
    const socketError = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const gotLike = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9', { cause: socketError }), {
      name: 'RequestError',
      code: 'ECONNREFUSED',
      options: { body: '{"client_secret":"s3cr3t-value"}', headers: { authorization: 'Bearer t0k3n-value' } },
    });
    const copy = plainCause(gotLike);
    expect(copy).toMatchObject({ name: 'RequestError', code: 'ECONNREFUSED', message: gotLike.message });
    expect(copy.cause).toMatchObject({ name: 'Error', code: 'ECONNREFUSED' });
    const printed = inspect(copy, { depth: Infinity, showHidden: true });
    expect(printed).not.toContain('s3cr3t-value');
    expect(printed).not.toContain('t0k3n-value');
  });

  it('turns a thrown non-error into a short error', () => {
    expect(plainCause('x'.repeat(500)).message).toHaveLength(200);
  });
});
