import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../main/ipc/trusted-sender';

describe('isTrustedSender', () => {
  it.each([
    ['the app main frame', { url: 'app://bundle/index.html', parent: null }, true],
    ['the app main frame on a deep route', { url: 'app://bundle/index.html#/portfolios/mp-1', parent: null }, true],
    ['a sub-frame of the app', { url: 'app://bundle/index.html', parent: {} }, false],
    ['another app host', { url: 'app://other/index.html', parent: null }, false],
    ['a web page', { url: 'https://bundle/index.html', parent: null }, false],
    ['a file page', { url: 'file:///index.html', parent: null }, false],
    ['credentials in the URL', { url: 'app://user:pw@bundle/index.html', parent: null }, false],
    ['a URL that does not parse', { url: 'not a url', parent: null }, false],
    ['no frame', null, false],
  ])('%s → %s', (_label, frame, expected) => {
    expect(isTrustedSender(frame)).toBe(expected);
  });
});
