import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  openRecord,
  recordHeaderLayout,
  recordHeaderLength,
  sealRecord,
  type RecordBinding,
} from '../../../../main/cache/records/record-seal';

const key = randomBytes(32);
const binding: RecordBinding = { profileId: 'profile-a', kind: 'detail', subject: 'mp-000001', number: 7 };
const plaintext = Buffer.from('{"id":"mp-000001","name":"Core Growth"}');

describe('record sealing', () => {
  it('round-trips a record under its binding, with a fresh IV every time', () => {
    const one = sealRecord(plaintext, key, binding);
    const two = sealRecord(plaintext, key, binding);
    expect(one.subarray(recordHeaderLayout.iv, recordHeaderLayout.tag)).not.toEqual(
      two.subarray(recordHeaderLayout.iv, recordHeaderLayout.tag),
    );
    expect(openRecord(one, key, binding)).toEqual({ ok: true, plaintext });
    expect(openRecord(two, key, binding)).toEqual({ ok: true, plaintext });
    expect(one.includes(Buffer.from('Core Growth'))).toBe(false);
  });

  it.each([
    ['another profile', { profileId: 'profile-b' }],
    ['another kind', { kind: 'summaries' as const }],
    ['another portfolio', { subject: 'mp-000002' }],
    ['another revision', { number: 8 }],
  ])('fails authentication when opened as %s', (_, change) => {
    const sealed = sealRecord(plaintext, key, binding);
    expect(openRecord(sealed, key, { ...binding, ...change })).toEqual({ ok: false, reason: 'decrypt-failed' });
  });

  it('fails authentication under another key', () => {
    expect(openRecord(sealRecord(plaintext, key, binding), randomBytes(32), binding)).toEqual({
      ok: false,
      reason: 'decrypt-failed',
    });
  });

  it('tells damage apart: magic, format version, IV, tag, ciphertext, truncation', () => {
    const sealed = sealRecord(plaintext, key, binding);
    const flipped = (at: number): Buffer => {
      const copy = Buffer.from(sealed);
      copy[at]! ^= 0x01;
      return copy;
    };
    expect(openRecord(flipped(recordHeaderLayout.magic), key, binding)).toEqual({ ok: false, reason: 'parse-failed' });
    expect(openRecord(flipped(recordHeaderLayout.formatVersion), key, binding)).toEqual({
      ok: false,
      reason: 'unsupported-version',
    });
    for (const at of [recordHeaderLayout.iv, recordHeaderLayout.tag, recordHeaderLength, sealed.length - 1])
      expect(openRecord(flipped(at), key, binding), `byte ${at}`).toEqual({ ok: false, reason: 'decrypt-failed' });
    expect(openRecord(sealed.subarray(0, sealed.length - 1), key, binding).ok).toBe(false);
    expect(openRecord(sealed.subarray(0, recordHeaderLength - 1), key, binding)).toEqual({
      ok: false,
      reason: 'parse-failed',
    });
  });
});
