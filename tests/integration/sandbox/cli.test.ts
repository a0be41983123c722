import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from '../../../sandbox/cli-args';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { versionedAccept } from './helpers';

/** Runs `tsx sandbox/cli.ts …` as `npm run sandbox -- …` does, with the Node running the tests. */
function runCli(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(run: ReturnType<typeof runCli>, text: string): Promise<string> {
  const start = Date.now();
  while (!run.output().includes(text)) {
    if (Date.now() - start > 30_000) throw new Error(`CLI never printed "${text}":\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return run.output();
}

describe('the sandbox CLI', () => {
  const running: ChildProcess[] = [];
  afterEach(() => {
    for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints the base URL, demo credentials and a curl line, serves them, and stops cleanly on %s',
    async (signal) => {
      const run = runCli(['--port', '0', '--portfolios', '200', '--seed', '7']);
      running.push(run.child);
      const output = await waitForOutput(run, 'Press Ctrl+C');
      const baseUrl = /base URL:\s+(\S+)/.exec(output)?.[1] ?? '';
      const clientId = /client id:\s+(\S+)/.exec(output)?.[1] ?? '';
      const clientSecret = /client secret:\s+(\S+)/.exec(output)?.[1] ?? '';
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(output).toContain(`curl --request POST --url "${baseUrl}/oauth/token"`);

      const tokenResponse = await fetch(`${baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { Accept: versionedAccept, 'Content-Type': 'application/json' },
        body: JSON.stringify({ client_id: clientId, client_secret: clientSecret, grant_type: 'client_credentials' }),
      });
      expect(tokenResponse.status).toBe(200);
      const { accessTtoken } = (await tokenResponse.json()) as { accessTtoken: string };
      const list = await fetch(`${baseUrl}/model-portfolios`, {
        headers: { Accept: versionedAccept, Authorization: `Bearer ${accessTtoken}` },
      });
      expect(((await list.json()) as { total: number }).total).toBe(200);

      run.child.kill(signal);
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain(`${signal}: stopping`);
    },
    60_000,
  );

  it('prints usage for --help and exits 0', async () => {
    const run = runCli(['--help']);
    running.push(run.child);
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('--portfolios <n>');
  });

  it('refuses an unknown flag with usage and exit code 2', async () => {
    const run = runCli(['--portfolio', '3']);
    running.push(run.child);
    expect(await run.exited).toBe(2);
    expect(run.output()).toMatch(/error: .*portfolio/);
  });

  it('maps every flag to its option', () => {
    expect(
      parseCliArgs([
        '--port',
        '4010',
        '--portfolios',
        '200',
        '--seed',
        '7',
        '--page-size',
        '25',
        '--pagination',
        'cursor',
        '--no-list-holdings',
        '--weights',
        'percent',
        '--no-imperfect',
        '--token-style',
        'camel',
        '--mode',
        'rfc',
        '--ttl',
        '60',
        '--faults',
        '--client-id',
        'abc',
        '--client-secret',
        'xyz',
      ]),
    ).toEqual({
      help: false,
      options: {
        port: 4010,
        portfolios: 200,
        seed: 7,
        pageSize: 25,
        pagination: 'cursor',
        listHoldings: false,
        weights: 'percent',
        imperfect: false,
        tokenStyle: 'camel',
        mode: 'rfc',
        tokenTtlSeconds: 60,
        faults: true,
        credentials: { clientId: 'abc', clientSecret: 'xyz' },
      },
    });
    expect(parseCliArgs([])).toEqual({ help: false, options: {} });
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
  });

  it.each([[['--port', 'abc']], [['--pagination', 'pages']], [['--client-id', 'only-the-id']], [['stray']]])(
    'refuses %j',
    (args) => {
      expect(() => parseCliArgs(args)).toThrow(CliUsageError);
    },
  );
});

describe('binding', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  const externalAddress = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

  it.skipIf(!externalAddress)('listens on 127.0.0.1 only: another local address is refused', async () => {
    sandbox = await startSandbox();
    const port = new URL(sandbox.baseUrl).port;
    const outcome = await new Promise<string>((resolve) => {
      const req = request({ host: externalAddress, port, path: '/', agent: false }, () => resolve('answered'));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      req.end();
    });
    expect(outcome).toBe('ECONNREFUSED');
  });

  it('refuses options that make no sense', async () => {
    await expect(startSandbox({ portfolios: -1 })).rejects.toThrow(RangeError);
    await expect(startSandbox({ pageSize: 0 })).rejects.toThrow(RangeError);
    await expect(startSandbox({ tokenTtlSeconds: 0 })).rejects.toThrow(RangeError);
  });
});
