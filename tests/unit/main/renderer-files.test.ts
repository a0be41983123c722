import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../common/csp';
import { rendererResponse } from '../../../main/renderer-files';

let dir: string;

beforeAll(async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'mp-renderer-'));
  dir = path.join(root, 'renderer');
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><p>app</p>');
  await writeFile(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(root, 'secret.txt'), 'outside');
});

describe('rendererResponse', () => {
  it('serves index.html for the root with the CSP and nosniff', async () => {
    const response = await rendererResponse(dir, 'app://bundle/');
    expect(response.status).toBe(200);
    expect(response.body.toString()).toContain('<p>app</p>');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves a script with its MIME type', async () => {
    const response = await rendererResponse(dir, 'app://bundle/assets/app.js');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it.each(['app://bundle/../secret.txt', 'app://bundle/%2e%2e/secret.txt', 'app://bundle/assets/..%2f..%2fsecret.txt'])(
    'refuses to leave the renderer folder: %s',
    async (url) => {
      const response = await rendererResponse(dir, url);
      expect(response.status).not.toBe(200);
      expect(response.body.toString()).not.toContain('outside');
    },
  );

  it('answers 404 for a missing file, still with the CSP', async () => {
    const response = await rendererResponse(dir, 'app://bundle/missing.js');
    expect(response.status).toBe(404);
    expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
  });
});
