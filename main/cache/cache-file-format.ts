import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Layout: magic "MPCACHE" (7) | format version (1) | IV (12) | GCM tag (16) | ciphertext.
// The GCM additional data is magic + version + IV + 0x00 + profileId, so a header edit or a file
// copied in from another profile fails authentication.
const magic = Buffer.from('MPCACHE', 'ascii');
const formatVersion = 1;
const ivLength = 12;
const tagLength = 16;
const ivOffset = magic.length + 1;
const tagOffset = ivOffset + ivLength;

/** Bytes before the ciphertext: magic, format version, IV and auth tag. */
export const cacheHeaderLength = tagOffset + tagLength;

/** Length in bytes of a cache key (AES-256). */
export const cacheKeyLength = 32;

/** Where in the file each header field lies, for tests that damage them on purpose. */
export const cacheHeaderLayout = {
  magic: 0,
  formatVersion: magic.length,
  iv: ivOffset,
  tag: tagOffset,
  ciphertext: cacheHeaderLength,
} as const;

function additionalData(header: Buffer, profileId: string): Buffer {
  return Buffer.concat([header.subarray(0, tagOffset), Buffer.from([0]), Buffer.from(profileId, 'utf8')]);
}

/** Encrypts a payload for one profile under a fresh random IV; returns header and ciphertext to write in that order. */
export function sealCache(plaintext: Buffer, key: Buffer, profileId: string): Buffer[] {
  const header = Buffer.alloc(cacheHeaderLength);
  magic.copy(header, 0);
  header.writeUInt8(formatVersion, magic.length);
  randomBytes(ivLength).copy(header, ivOffset);
  const cipher = createCipheriv('aes-256-gcm', key, header.subarray(ivOffset, tagOffset), { authTagLength: tagLength });
  cipher.setAAD(additionalData(header, profileId));
  const body = [cipher.update(plaintext), cipher.final()];
  cipher.getAuthTag().copy(header, tagOffset);
  return [header, ...body];
}

/** Why a file could not be opened: not a cache file, a format this build does not know, or it failed authentication. */
export type OpenFailure = 'parse-failed' | 'unsupported-version' | 'decrypt-failed';

/** Checks the header and decrypts a cache file's bytes; any damage or a wrong key or profile yields a failure, never a throw. */
export function openCache(
  file: Buffer,
  key: Buffer,
  profileId: string,
): { ok: true; plaintext: Buffer } | { ok: false; reason: OpenFailure } {
  if (file.length < cacheHeaderLength || !file.subarray(0, magic.length).equals(magic))
    return { ok: false, reason: 'parse-failed' };
  if (file.readUInt8(magic.length) !== formatVersion) return { ok: false, reason: 'unsupported-version' };
  if (key.length !== cacheKeyLength) return { ok: false, reason: 'decrypt-failed' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, file.subarray(ivOffset, tagOffset), {
      authTagLength: tagLength,
    });
    decipher.setAAD(additionalData(file, profileId));
    decipher.setAuthTag(file.subarray(tagOffset, cacheHeaderLength));
    const body = decipher.update(file.subarray(cacheHeaderLength));
    const tail = decipher.final();
    return { ok: true, plaintext: tail.length > 0 ? Buffer.concat([body, tail]) : body };
  } catch {
    return { ok: false, reason: 'decrypt-failed' };
  }
}
