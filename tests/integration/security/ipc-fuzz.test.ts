import net from 'node:net';
import fc from 'fast-check';
import { maxFirstScreenRows } from '../../../common/first-screen';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contract } from '../../../common/contract';
import type { RequestChannel } from '../../../common/contract-types';
import { isErrorCode } from '../../../common/error-codes';
import type { Result } from '../../../common/result';
import { registerContractHandlers } from '../../../main/ipc/register-handlers';
import { isTrustedSender, type SenderFrame } from '../../../main/ipc/trusted-sender';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { startTestApp, type TestApp } from '../support/app-fixture';

// Property-based fuzzing of every contract channel through the real handler wrapper: the function
// registerContractHandlers puts on ipcMain (sender check, then the dispatcher: schema parse, handler,
// Result), over main's real services, keychain and disk. Payloads go through structuredClone first,
// because that is what Electron's IPC delivers to main.

type Listener = (event: unknown, arg: unknown) => Promise<Result<unknown>>;
const registered = vi.hoisted(() => new Map<string, Listener>());
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, listener: Listener) => registered.set(channel, listener) },
}));

const totalRuns = 10_000;
const channels = Object.keys(contract.requests) as RequestChannel[];
const runsPerChannel = Math.ceil(totalRuns / channels.length);
const canary = 'CANARY-9f2c7e1d-never-echo';
const trustedEvent = { senderFrame: { url: 'app://bundle/index.html', parent: null } };

let sandbox: Sandbox;
let app: TestApp;
let sandboxProfileId: string;
let dispatched = 0;
const outbound: string[] = [];
const originalConnect = net.Socket.prototype.connect;
const prototypesBefore = new Map<object, string[]>();
const watchedPrototypes: object[] = [Object.prototype, Array.prototype, Function.prototype, String.prototype];

/** Keeps the fuzz on this machine: any connection that is not loopback is recorded and refused. */
function guardNetwork(): void {
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const options =
      typeof first === 'object' && first !== null ? (first as { host?: string; path?: string }) : { host: 'localhost' };
    const host = options.path !== undefined ? 'unix' : (options.host ?? 'localhost');
    if (!/^(unix|localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/.test(host)) {
      outbound.push(host);
      throw new Error(`ipc-fuzz: refused a connection to ${host}`);
    }
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
}

function handler(channel: string): Listener {
  const listener = registered.get(channel);
  if (!listener) throw new Error(`no handler registered for ${channel}`);
  return listener;
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as { ok?: unknown; value?: unknown; error?: unknown };
  if (result.ok === true) return Object.keys(result).sort().join() === 'ok,value';
  if (result.ok !== false || typeof result.error !== 'object' || result.error === null) return false;
  const error = result.error as { code?: unknown; message?: unknown; retryable?: unknown };
  return (
    typeof error.code === 'string' &&
    isErrorCode(error.code) &&
    typeof error.message === 'string' &&
    error.message.length > 0 &&
    typeof error.retryable === 'boolean' &&
    Object.keys(error).sort().join() === 'code,message,retryable'
  );
}

// ---------------------------------------------------------------------------------------------
// Payloads

const nonBlank = (max: number) => fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0);

function validArbitrary(channel: RequestChannel, profileIds: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  // Base URLs stay on this machine: the sandbox, or loopback ports where nothing listens.
  const baseUrl = fc.constantFrom(sandbox.baseUrl, 'http://127.0.0.1:9', 'http://localhost:9', 'https://127.0.0.1:9');
  const draft = fc.record(
    {
      id: profileIds,
      name: nonBlank(40),
      baseUrl,
      clientId: nonBlank(40),
      tokenStyle: fc.constantFrom('json', 'form-body', 'form-basic'),
      secret: fc.string({ minLength: 1, maxLength: 64 }),
      // Proxies stay on this machine too: a manual one on a loopback port where nothing listens.
      network: fc.constantFrom(
        { mode: 'system' },
        { mode: 'none' },
        { mode: 'manual', proxyUrl: 'http://127.0.0.1:9', bypass: ['.internal', '10.0.0.0/8'] },
      ),
    },
    { requiredKeys: ['name', 'baseUrl', 'clientId'] },
  );
  const byProfile = fc.record({ profileId: profileIds });
  const portfolioIds = fc.oneof(
    fc.constantFrom('mp-000001', 'mp-000002', 'nope'),
    fc.string({ minLength: 1, maxLength: 200 }),
  );
  switch (channel) {
    case 'profiles:save':
      return draft;
    case 'profiles:setSecret':
      return fc.record({ profileId: profileIds, secret: fc.string({ minLength: 1, maxLength: 4096 }) });
    case 'profiles:activate':
    case 'profiles:remove':
    case 'auth:signOut':
      return byProfile;
    case 'auth:testConnection':
      return fc.oneof(byProfile, fc.record({ draft }));
    case 'portfolios:get':
      return fc.record({ id: portfolioIds });
    case 'portfolios:firstScreen':
      return fc.record({ limit: fc.integer({ min: 1, max: maxFirstScreenRows }) });
    case 'export:csv':
      return fc.record({
        kind: fc.constantFrom('list', 'holdings'),
        ids: fc.oneof(fc.constant('all'), fc.array(portfolioIds, { minLength: 1, maxLength: 5 })),
      });
    case 'export:showInFolder':
      return fc.record({ path: fc.oneof(fc.constantFrom('/etc/passwd', '../../x.csv'), nonBlank(200)) });
    // Factsheet (issue 15)
    case 'factsheet:savePdf':
      return fc.record({ id: portfolioIds, pageSize: fc.constantFrom('A4', 'Letter') }, { requiredKeys: ['id'] });
    // Updates (issue 14)
    case 'update:setMode':
      return fc.record({ mode: fc.constantFrom('auto', 'ask', 'off') });
    case 'proxy:signIn':
      return fc.record({
        id: fc.nat(),
        username: fc.constantFrom('ann', 'CORP\\ann', 'ann@corp.example'),
        password: fc.constantFrom('', 'pw', 'p@ss w0rd', canary),
      });
    case 'proxy:cancelSignIn':
      return fc.record({ id: fc.nat() });
    case 'proxy:forgetSignIn':
      return fc.record({
        host: fc.oneof(fc.constantFrom('127.0.0.1', 'proxy.corp.example', '::1'), nonBlank(255)),
        port: fc.integer({ min: 1, max: 65_535 }),
      });
    // Model changes (issue 15)
    case 'changes:portfolio':
      return fc.record({ id: portfolioIds, from: fc.nat(40), to: fc.nat(40) }, { requiredKeys: ['id'] });
    case 'changes:exportTradeList':
      return fc.oneof(
        fc.record({ id: portfolioIds, from: fc.nat(40), to: fc.nat(40) }, { requiredKeys: ['id'] }),
        fc.record({
          since: fc
            .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
            .map((date) => date.toISOString()),
        }),
      );
    case 'changes:markSeen':
      return fc.record({ ids: fc.array(portfolioIds, { minLength: 1, maxLength: 5 }) });
    case 'changes:saveSettings':
      return fc.record(
        { tolerancePp: fc.double({ min: 0, max: 5, noNaN: true }), notify: fc.boolean() },
        { requiredKeys: [] },
      );
    case 'compare:portfolios':
    case 'compare:exportCsv':
      return fc.record({ ids: fc.uniqueArray(portfolioIds, { minLength: 2, maxLength: 4 }) });
    default:
      return fc.constant(undefined);
  }
}

/** Values of every wrong type (and a few right types with wrong contents) for a field. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    Number.MAX_VALUE,
    true,
    false,
    '',
    ' ',
    '\u0000',
    `${canary}\u0000${canary}`,
    '../../../../etc/passwd',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://example.com/',
    'https://user:pw@example.com/',
    '__proto__',
  ),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.uint8Array({ maxLength: 16 }),
  fc.float64Array({ maxLength: 8 }),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.object({ maxDepth: 2 }),
  fc.constantFrom(4_097, 70_000, 1_100_000).map((n) => canary + 'A'.repeat(n)),
  fc.constant(new Map([['profileId', canary]])),
  fc.constant(new Set([canary])),
  fc.constant(/x/g),
  fc.constant(new Error(canary)),
);

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { profileId: value };
  return value;
}

/** An object whose own keys are `__proto__`, `constructor`, `prototype`, as JSON.parse would make them. */
function withPollutionKeys(base: unknown): unknown {
  const target: Record<string, unknown> = typeof base === 'object' && base !== null ? { ...base } : {};
  const payload = { polluted: canary, isAdmin: true, toString: canary };
  Object.defineProperty(target, '__proto__', { value: payload, enumerable: true, configurable: true, writable: true });
  target['constructor'] = { prototype: payload };
  target['prototype'] = payload;
  return target;
}

function hostileArbitrary(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const asObject = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return fc.oneof(
    // One field of the real shape replaced by a wrong type.
    fc.tuple(valid, wrongValue, fc.nat()).map(([base, wrong, pick]) => {
      const object = { ...asObject(base) };
      const keys = Object.keys(object);
      if (keys.length === 0) return wrong;
      const key = keys[pick % keys.length]!;
      const inner = object[key];
      // Reach one level down too (auth:testConnection's draft).
      if (typeof inner === 'object' && inner !== null && !Array.isArray(inner) && pick % 2 === 0) {
        const innerKeys = Object.keys(inner);
        object[key] = { ...inner, [innerKeys[pick % Math.max(innerKeys.length, 1)] ?? 'x']: wrong };
      } else {
        object[key] = wrong;
      }
      return object;
    }),
    // The real shape plus keys it does not have (every schema is strict).
    fc
      .tuple(valid, fc.constantFrom('admin', 'path', 'channel', 'secretOut', 'then'), wrongValue)
      .map(([base, key, value]) => ({ ...asObject(base), [key]: value })),
    // Prototype-pollution keys, at the top and one level down.
    valid.map((base) => withPollutionKeys(base)),
    valid.map((base) => {
      const object = { ...asObject(base) };
      const key = Object.keys(object)[0] ?? 'draft';
      return { ...object, [key]: withPollutionKeys(object[key]) };
    }),
    // Deep nesting, as arrays and as objects.
    fc
      .tuple(fc.integer({ min: 50, max: 2_000 }), fc.boolean())
      .map(([depth, asArray]) => nested(depth, canary, asArray)),
    // The whole payload of a wrong type.
    wrongValue,
    // The right shape, every value of a wrong type.
    fc
      .tuple(valid, wrongValue)
      .map(([base, wrong]) => Object.fromEntries(Object.keys(asObject(base)).map((key) => [key, wrong]))),
    // Arrays and boxed primitives that look like the shape.
    valid.map((base) => [base]),
    valid.map((base) => Object.values(asObject(base))),
  );
}

const anythingArbitrary = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withTypedArray: true,
  withSparseArray: true,
});

/** Whether a value could be sent over Electron IPC at all (structured clone), and what arrives. */
function overIpc(value: unknown): { sendable: true; value: unknown } | { sendable: false } {
  try {
    return { sendable: true, value: structuredClone(value) };
  } catch {
    return { sendable: false };
  }
}

// ---------------------------------------------------------------------------------------------

describe('IPC fuzzing through the real handler wrapper', () => {
  beforeAll(async () => {
    for (const proto of watchedPrototypes) prototypesBefore.set(proto, Reflect.ownKeys(proto).map(String).sort());
    guardNetwork();
    sandbox = await startSandbox({ portfolios: 12, seed: 11, pageSize: 5 });
    app = await startTestApp({ demoData: { portfolios: 12, seed: 5, pageSize: 6 } });
    sandboxProfileId = await app.connect(sandbox);
    registerContractHandlers((channel, arg) => {
      dispatched += 1;
      return app.dispatch(channel, arg);
    });
  });

  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    net.Socket.prototype.connect = originalConnect;
  });

  it('registers exactly the contract channels', () => {
    expect([...registered.keys()].sort()).toEqual([...channels].sort());
  });

  it(`answers ${runsPerChannel * channels.length} random and hostile payloads over ${channels.length} channels with coded results, never a throw`, async () => {
    const profileIds = fc.oneof(
      fc.constant(sandboxProfileId),
      fc.constantFrom('no-such-profile', '00000000-0000-0000-0000-000000000000'),
      fc.stringMatching(/^[a-z0-9-]{1,64}$/),
    );
    const tally: Record<string, { valid: number; invalid: number; unsendable: number }> = {};
    for (const channel of channels) {
      const counts = (tally[channel] = { valid: 0, invalid: 0, unsendable: 0 });
      const valid = validArbitrary(channel, profileIds);
      const payloads = fc.oneof(
        { weight: 3, arbitrary: anythingArbitrary },
        { weight: 4, arbitrary: hostileArbitrary(valid) },
        { weight: 1, arbitrary: valid },
      );
      await fc.assert(
        fc.asyncProperty(payloads, async (payload) => {
          const sent = overIpc(payload);
          if (!sent.sendable) {
            counts.unsendable += 1;
            return;
          }
          const isValid = contract.requests[channel].args.safeParse(sent.value).success;
          const result: unknown = await handler(channel)(trustedEvent, sent.value);
          expect(isResult(result), `${channel}: not a Result: ${JSON.stringify(result)}`).toBe(true);
          const answer = result as Result<unknown>;
          if (isValid) {
            counts.valid += 1;
            if (!answer.ok)
              expect(answer.error.code, `${channel}: a valid request ended INTERNAL`).not.toBe('INTERNAL');
          } else {
            counts.invalid += 1;
            expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION', retryable: false } });
            // The refusal names paths and rules, never the values sent (they may be secrets).
            expect(JSON.stringify(answer)).not.toContain(canary);
          }
        }),
        { numRuns: runsPerChannel },
      );
    }
    const sum = (key: 'valid' | 'invalid' | 'unsendable') =>
      Object.values(tally).reduce((total, counts) => total + counts[key], 0);
    // Every channel saw both valid and invalid payloads; almost everything was sendable.
    for (const [channel, counts] of Object.entries(tally)) {
      expect(counts.valid, `${channel} got no valid payload`).toBeGreaterThan(0);
      expect(counts.invalid, `${channel} got no invalid payload`).toBeGreaterThan(runsPerChannel / 2);
    }
    expect(sum('valid') + sum('invalid') + sum('unsendable')).toBe(runsPerChannel * channels.length);
    expect(sum('unsendable')).toBeLessThan(totalRuns / 100);
  }, 180_000);

  it('refuses unknown channels in the dispatcher, whatever their name', async () => {
    const names = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'valueOf',
        'app:info ',
        'APP:INFO',
        'app:info\u0000',
        'fs:readFile',
        'shell:openExternal',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        names.filter((name) => !Object.hasOwn(contract.requests, name)),
        anythingArbitrary,
        async (name, payload) => {
          const result = await app.dispatch(name, payload);
          expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
        },
      ),
      { numRuns: 500 },
    );
    for (const notAString of [undefined, null, 42, {}, ['app:info'], Symbol.iterator]) {
      await expect(app.dispatch(notAString as unknown as string, undefined)).resolves.toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL' },
      });
    }
  });

  it('keeps answering under a concurrent burst of mixed payloads', async () => {
    const burst = fc.sample(
      fc.tuple(fc.constantFrom(...channels), fc.oneof(anythingArbitrary, fc.constant(undefined))),
      { numRuns: 300, seed: 42 },
    );
    const results = await Promise.all(
      burst.map(([channel, payload]) => {
        const sent = overIpc(payload);
        return handler(channel)(trustedEvent, sent.sendable ? sent.value : undefined);
      }),
    );
    expect(results.every(isResult)).toBe(true);
  });

  it('still answers app:info, and no prototype was polluted', async () => {
    await expect(handler('app:info')(trustedEvent, undefined)).resolves.toMatchObject({
      ok: true,
      value: { appName: 'Model Portfolios' },
    });
    for (const proto of watchedPrototypes)
      expect(Reflect.ownKeys(proto).map(String).sort()).toEqual(prototypesBefore.get(proto));
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(typeof probe.toString).toBe('function');
    expect([...Object.keys(probe)]).toEqual([]);
    // Nothing left this machine.
    expect(outbound).toEqual([]);
  });

  describe('the sender check', () => {
    /**
     * What a URL must look like to be trusted: app://bundle, then a path, query, fragment or nothing.
     * An empty port (`app://bundle:`) is the same origin by the URL standard, so it may follow the host.
     */
    function looksLikeAppBundle(url: string): boolean {
      // As the URL parser does: trim C0 controls and spaces, drop tabs and newlines.
      const isTrimmed = (char: string) => char.charCodeAt(0) <= 0x20;
      let start = 0;
      let end = url.length;
      while (start < end && isTrimmed(url[start]!)) start += 1;
      while (end > start && isTrimmed(url[end - 1]!)) end -= 1;
      const cleaned = url.slice(start, end).replace(/[\t\n\r]/g, '');
      return /^app:\/\/bundle:?(?:[/?#]|$)/i.test(cleaned);
    }

    const nearMisses = fc.constantFrom(
      'app://bundle/index.html',
      'app://bundle',
      'app://bundle.evil.example/index.html',
      'app://bundle@evil.example/',
      'app://user:pw@bundle/index.html',
      'app://evil/bundle/index.html',
      'app://bundle:8080/index.html',
      'app://bundle:0/index.html',
      'app://bundle:/index.html',
      'app://bundle:',
      'app:/bundle/index.html',
      'app:bundle/index.html',
      'apps://bundle/index.html',
      'https://bundle/index.html',
      'http://app.local/index.html',
      'file:///index.html',
      'about:blank',
      'about:srcdoc',
      'data:text/html,<script>1</script>',
      'javascript:alert(1)',
      'devtools://devtools/bundled/inspector.html',
      'chrome-extension://bundle/index.html',
      'blob:app://bundle/0c2f',
      '',
    );
    const urls = fc.oneof(
      nearMisses,
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string(),
      fc.tuple(nearMisses, fc.string()).map(([url, suffix]) => url + suffix),
      fc.tuple(fc.string(), nearMisses).map(([prefix, url]) => prefix + url),
    );
    const parents = fc.oneof(fc.constant(null), fc.constant(undefined), fc.constant({}), fc.anything({ maxDepth: 1 }));
    const frames: fc.Arbitrary<SenderFrame | null | undefined> = fc.oneof(
      fc.constant(null),
      fc.constant(undefined),
      fc.record({ url: urls, parent: parents }),
    );

    it('never trusts a frame unless it is a main frame on app://bundle', () => {
      fc.assert(
        fc.property(frames, (frame) => {
          if (isTrustedSender(frame)) {
            expect(frame?.parent).toBeNull();
            expect(looksLikeAppBundle(frame!.url), frame!.url).toBe(true);
          }
        }),
        { numRuns: 5_000 },
      );
    });

    it('trusts the app main frame on any of its own pages', () => {
      fc.assert(
        fc.property(fc.webPath(), fc.webQueryParameters(), (pathPart, query) => {
          const url = `app://bundle${pathPart.startsWith('/') ? '' : '/'}${pathPart}${query ? `?${query}` : ''}`;
          expect(isTrustedSender({ url, parent: null }), url).toBe(true);
          expect(isTrustedSender({ url, parent: {} }), url).toBe(false);
        }),
        { numRuns: 1_000 },
      );
    });

    it('treats an empty port as the app origin (the URL standard drops it) and any port number or another spelling of the host as another', () => {
      for (const url of ['app://bundle:', 'app://bundle:/index.html', 'app://bundle:/index.html?x#y'])
        expect(isTrustedSender({ url, parent: null }), url).toBe(true);
      for (const url of [
        'app://bundle:0/',
        'app://bundle:1/index.html',
        'app://bundle:8080/index.html',
        'app://BUNDLE/index.html',
      ])
        expect(isTrustedSender({ url, parent: null }), url).toBe(false);
    });

    it('refuses every untrusted sender in the wrapper, before the dispatcher runs', async () => {
      await fc.assert(
        fc.asyncProperty(frames, fc.constantFrom(...channels), anythingArbitrary, async (frame, channel, payload) => {
          fc.pre(!isTrustedSender(frame));
          const before = dispatched;
          const sent = overIpc(payload);
          const result = await handler(channel)({ senderFrame: frame }, sent.sendable ? sent.value : undefined);
          expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
          expect(dispatched).toBe(before);
        }),
        { numRuns: 1_000 },
      );
    });
  });
});
