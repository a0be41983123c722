import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../keychain/secret-store';
import { cacheKeyLength } from './cache-file-format';

/** The keychain account that holds a profile's cache key (base64). */
export function cacheKeyAccount(profileId: string): string {
  return `cache-key:${profileId}`;
}

/** The profile's cache key from the keychain, or null when there is none or it is not a well-formed key. */
export async function readCacheKey(secrets: SecretStore, profileId: string): Promise<Buffer | null> {
  const stored = await secrets.get(cacheKeyAccount(profileId));
  if (stored === null) return null;
  const key = Buffer.from(stored, 'base64');
  return key.length === cacheKeyLength && key.toString('base64') === stored ? key : null;
}

/** The profile's cache key, creating and storing a random one when there is none (first write). */
export async function readOrCreateCacheKey(secrets: SecretStore, profileId: string): Promise<Buffer> {
  const existing = await readCacheKey(secrets, profileId);
  if (existing) return existing;
  const key = randomBytes(cacheKeyLength);
  await secrets.set(cacheKeyAccount(profileId), key.toString('base64'));
  return key;
}

/** Removes the profile's cache key from the keychain; true when one was there. */
export async function deleteCacheKey(secrets: SecretStore, profileId: string): Promise<boolean> {
  return secrets.delete(cacheKeyAccount(profileId));
}
