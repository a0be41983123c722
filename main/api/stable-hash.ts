import { hash } from 'node:crypto';

// Objects in one API body mostly share a few key sets; their sorted order is remembered per key set (bounded).
const sortedKeySets = new Map<string, string[]>();
const maxKeySets = 1024;

function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i += 1) inOrder = keys[i - 1]! < keys[i]!;
  if (inOrder) return keys;
  const id = keys.join('\u0000');
  let sorted = sortedKeySets.get(id);
  if (!sorted) {
    sorted = [...keys].sort();
    if (sortedKeySets.size < maxKeySets) sortedKeySets.set(id, sorted);
  }
  return sorted;
}

function write(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // As JSON writes numbers: NaN and Infinity become null.
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return 'null';
  }
  if (value === null) return 'null';
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return write(withJson.toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i > 0 ? ',' : '') + write(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of sortedKeys(record)) {
    const item = record[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${write(item)}`;
    first = false;
  }
  return `${out}}`;
}

/** JSON text of a parsed value with every object's keys sorted, so equal data always gives equal text. */
export function canonicalJson(value: unknown): string {
  return write(value);
}

/** A SHA-256 (base64url) of a parsed JSON value that ignores key order and whitespace: tells an unchanged body apart. */
export function stableHash(value: unknown): string {
  return hash('sha256', canonicalJson(value), 'base64url');
}
