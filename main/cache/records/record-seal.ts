import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { cacheKeyLength } from '../cache-file-format';

// Layout of every record: magic "MPREC" (5) | format version (1) | IV (12) | GCM tag (16) | ciphertext.
// The GCM additional data is magic + version + IV, a zero byte, then the record's binding as JSON
// (profile id, kind, subject, number): a record moved to another portfolio, revision or profile fails authentication.
const magic = Buffer.from('MPREC', 'ascii');
const formatVersion = 1;
const ivLength = 12;
const tagLength = 16;
const ivOffset = magic.length + 1;
const tagOffset = ivOffset + ivLength;

/** Bytes before a record's ciphertext: magic, format version, IV and auth tag. */
export const recordHeaderLength = tagOffset + tagLength;

/** Where each header field of a record lies, for tests that damage them on purpose. */
export const recordHeaderLayout = { magic: 0, formatVersion: magic.length, iv: ivOffset, tag: tagOffset } as const;

/** What a record holds: the manifest, a block of summaries or bookkeeping, or one revision of a portfolio's detail. */
export type RecordKind = 'manifest' | 'summaries' | 'books' | 'detail';

/** What a record is bound to: its profile, its kind, the portfolio it is about ('' for none) and its revision or generation. */
export interface RecordBinding {
  profileId: string;
  kind: RecordKind;
  subject: string;
  number: number;
}

/** Why a record could not be opened. */
export type RecordOpenFailure = 'parse-failed' | 'unsupported-version' | 'decrypt-failed';

function additionalData(header: Buffer, binding: RecordBinding): Buffer {
  const bound = JSON.stringify([binding.profileId, binding.kind, binding.subject, binding.number]);
  return Buffer.concat([header.subarray(0, tagOffset), Buffer.from([0]), Buffer.from(bound, 'utf8')]);
}

// IVs are drawn from the CSPRNG in batches: one call per record costs more than the encryption of a small record.
let ivPool = Buffer.alloc(0);
let ivNext = 0;
function freshIv(): Buffer {
  if (ivNext + ivLength > ivPool.length) {
    ivPool = randomBytes(ivLength * 256);
    ivNext = 0;
  }
  const iv = ivPool.subarray(ivNext, ivNext + ivLength);
  ivNext += ivLength;
  return iv;
}

/** Encrypts one record under a fresh random IV, bound to what it is; returns the bytes to store. */
export function sealRecord(plaintext: Buffer, key: Buffer, binding: RecordBinding): Buffer {
  const header = Buffer.alloc(recordHeaderLength);
  magic.copy(header, 0);
  header.writeUInt8(formatVersion, magic.length);
  freshIv().copy(header, ivOffset);
  const cipher = createCipheriv('aes-256-gcm', key, header.subarray(ivOffset, tagOffset), { authTagLength: tagLength });
  cipher.setAAD(additionalData(header, binding));
  const body = cipher.update(plaintext);
  const tail = cipher.final();
  cipher.getAuthTag().copy(header, tagOffset);
  return Buffer.concat([header, body, tail]);
}

/** Checks a record's header and decrypts it for the binding it must have; damage, a wrong key or binding yield a failure, never a throw. */
export function openRecord(
  bytes: Buffer,
  key: Buffer,
  binding: RecordBinding,
): { ok: true; plaintext: Buffer } | { ok: false; reason: RecordOpenFailure } {
  if (bytes.length < recordHeaderLength || !bytes.subarray(0, magic.length).equals(magic))
    return { ok: false, reason: 'parse-failed' };
  if (bytes.readUInt8(magic.length) !== formatVersion) return { ok: false, reason: 'unsupported-version' };
  if (key.length !== cacheKeyLength) return { ok: false, reason: 'decrypt-failed' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(ivOffset, tagOffset), {
      authTagLength: tagLength,
    });
    decipher.setAAD(additionalData(bytes, binding));
    decipher.setAuthTag(bytes.subarray(tagOffset, recordHeaderLength));
    const body = decipher.update(bytes.subarray(recordHeaderLength));
    const tail = decipher.final();
    return { ok: true, plaintext: tail.length > 0 ? Buffer.concat([body, tail]) : body };
  } catch {
    return { ok: false, reason: 'decrypt-failed' };
  }
}
