import { describe, expect, it } from 'vitest';
import { appOrigin } from '../../../main/ipc/trusted-sender';
import { appEntryUrl } from '../../../main/shell/app-protocol';
import { rendererSource } from '../../../main/shell/renderer-source';

describe('where the window loads the renderer from', () => {
  it('is the built renderer on app://bundle by default', () => {
    expect(rendererSource(false, {})).toEqual({ entryUrl: appEntryUrl, origin: appOrigin, dev: false });
  });

  it('is the dev server on 127.0.0.1 in `npm run dev`, and only that origin is trusted', () => {
    expect(rendererSource(false, { MP_RENDERER_DEV_URL: 'http://127.0.0.1:5173' })).toEqual({
      entryUrl: 'http://127.0.0.1:5173/index.html',
      origin: { protocol: 'http:', host: '127.0.0.1:5173' },
      dev: true,
    });
  });

  it('ignores the variable in a packaged app', () => {
    expect(rendererSource(true, { MP_RENDERER_DEV_URL: 'http://127.0.0.1:5173' }).dev).toBe(false);
  });

  it.each([
    'https://evil.example:5173',
    'http://evil.example:5173',
    'http://localhost:5173',
    'http://127.0.0.1',
    'http://user:pw@127.0.0.1:5173',
    'file:///tmp/index.html',
    'not a url',
  ])('refuses %s (no remote page may get the trusted bridge)', (url) => {
    expect(() => rendererSource(false, { MP_RENDERER_DEV_URL: url })).toThrow(/127\.0\.0\.1/);
  });
});
