// The sandbox in a process of its own, for benches that time a client: a real API server does its work in
// another process too, so the server's JSON generation is not counted as the client's. Started by a bench with
// startSandboxProcess(options); steered over the child-process channel (revise, counters).
import { fork, type ChildProcess } from 'node:child_process';
import { startSandbox, type Sandbox, type SandboxCounters, type SandboxOptions } from '../sandbox';

type Request = { id: number; kind: 'revise'; count: number } | { id: number; kind: 'counters' | 'reset' | 'close' };
type Asked = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

/** What a bench sees of a sandbox in another process. */
export interface SandboxProcess {
  baseUrl: string;
  credentials: Sandbox['credentials'];
  /** sandbox.revise({ count }) in the child; resolves to how many revisions it published. */
  revise(count: number): Promise<number>;
  counters(): Promise<Omit<SandboxCounters, 'reset'>>;
  resetCounters(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the sandbox in a child process (this file, run by the same tsx) and waits until it listens. */
export async function startSandboxProcess(options: SandboxOptions): Promise<SandboxProcess> {
  const child: ChildProcess = fork(import.meta.filename, [JSON.stringify(options)], {
    execArgv: process.execArgv.filter((arg) => !arg.startsWith('--cpu-prof')),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map<number, (value: unknown) => void>();
  const ready = new Promise<{ baseUrl: string; credentials: Sandbox['credentials'] }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the sandbox process exited (${code})`)));
    child.on(
      'message',
      (message: { id?: number; ready?: { baseUrl: string; credentials: Sandbox['credentials'] }; value?: unknown }) => {
        if (message.ready) resolve(message.ready);
        else if (message.id !== undefined) pending.get(message.id)?.(message.value);
      },
    );
  });
  const ask = <T>(request: Asked): Promise<T> =>
    new Promise((resolve) => {
      const id = (next += 1);
      pending.set(id, (value) => {
        pending.delete(id);
        resolve(value as T);
      });
      child.send({ ...request, id });
    });
  const { baseUrl, credentials } = await ready;
  return {
    baseUrl,
    credentials,
    revise: (count) => ask<number>({ kind: 'revise', count }),
    counters: () => ask({ kind: 'counters' }),
    resetCounters: () => ask({ kind: 'reset' }),
    async close() {
      child.removeAllListeners('exit');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask({ kind: 'close' });
      await exited;
    },
  };
}

async function serve(options: SandboxOptions): Promise<void> {
  const sandbox = await startSandbox(options);
  process.on('message', (request: Request) => {
    const answer = (value: unknown) => process.send?.({ id: request.id, value });
    switch (request.kind) {
      case 'revise':
        answer(sandbox.revise({ count: request.count }).length);
        return;
      case 'counters':
        answer({
          ...sandbox.counters,
          requests: { ...sandbox.counters.requests },
          notModified: { ...sandbox.counters.notModified },
        });
        return;
      case 'reset':
        sandbox.counters.reset();
        answer(null);
        return;
      case 'close':
        void sandbox.close().then(() => {
          answer(null);
          process.disconnect();
        });
        return;
    }
  });
  process.send?.({ ready: { baseUrl: sandbox.baseUrl, credentials: sandbox.credentials } });
}

if (process.send && process.argv[2]?.startsWith('{')) await serve(JSON.parse(process.argv[2]) as SandboxOptions);
