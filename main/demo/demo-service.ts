import type { Profile, ProfileView } from '../../common/profile';
import { AppError } from '../../common/result';
import { clientSecretAccount } from '../auth/keychain-accounts';
import type { SecretStore } from '../keychain/secret-store';
import type { Logger } from '../logging/logger';
import type { SyncLanding } from '../portfolios/sync-runner';
import type { ProfileService } from '../profiles/profile-service';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';

function demoNotRunning(): AppError {
  return new AppError(
    'NETWORK_UNREACHABLE',
    'The demo server is not running, so nothing was sent. Cached data is shown meanwhile.',
  );
}

/**
 * The demo data set: realistic, with the deliberately imperfect records included, and one model revised every
 * 10 minutes while the app runs (model changes, issue 15).
 */
const demoData: SandboxOptions = { portfolios: 200, seed: 7, pageSize: 50, revisionIntervalMs: 600_000 };

function portOf(baseUrl: string): number {
  const port = Number(new URL(baseUrl).port);
  return Number.isInteger(port) && port > 0 ? port : 0;
}

/**
 * "Explore with demo data": runs the partner API's sandbox inside main on 127.0.0.1 with generated
 * credentials, kept like any profile (secret in the keychain), so the real flow (keychain, token,
 * HTTP, cache) runs against it.
 */
export class DemoService {
  private sandbox: Sandbox | null = null;
  private starting: Promise<Sandbox> | null = null;
  private stopped = false;

  constructor(
    private readonly profiles: ProfileService,
    private readonly secrets: SecretStore,
    private readonly options: SandboxOptions | undefined,
    private readonly logger: Logger,
    /** Models revised right after a new demo's first sync, so its Changes have content from the start. */
    private readonly warmUpRevisions = 6,
  ) {}

  // Model changes (issue 15)
  private warmedUp: Sandbox | null = null;

  /**
   * After a new demo profile's first sync (every model just added), publishes the next revision of a few models
   * at once, so the demo shows changes from the start: true when it did, and the caller syncs again. Once per
   * sandbox; after a restart the models revised last session change back by themselves (generated data again).
   */
  warmUp({ profile, listing, figures }: SyncLanding): boolean {
    const sandbox = this.sandbox;
    const firstSync = figures.added.length > 0 && figures.added.length === listing.portfolios.length;
    if (!profile.demo || !sandbox || !firstSync || this.warmedUp === sandbox || this.warmUpRevisions <= 0) return false;
    this.warmedUp = sandbox;
    sandbox.revise({ count: Math.min(this.warmUpRevisions, listing.portfolios.length) });
    this.logger.info('demo models revised for a first look at changes', { count: this.warmUpRevisions });
    return true;
  }

  /** The running demo sandbox, if any (tests use it to take the API down and back). */
  get running(): Sandbox | null {
    return this.sandbox;
  }

  /** Starts a new demo sandbox and makes it the active profile (reusing an existing demo profile). */
  async startNew(): Promise<ProfileView> {
    const existing = (await this.profiles.state()).profiles.find((profile) => profile.demo);
    if (existing) {
      this.stopped = false;
      await this.ensureRunning(await this.profiles.get(existing.id));
      return this.profiles.activate(existing.id);
    }
    await this.stop();
    this.stopped = false;
    const sandbox = await this.launch({});
    const view = await this.profiles.save(
      {
        name: 'Demo data',
        baseUrl: sandbox.baseUrl,
        clientId: sandbox.credentials.clientId,
        tokenStyle: 'json',
        secret: sandbox.credentials.clientSecret,
        // Its sandbox runs inside main on 127.0.0.1: never through a proxy.
        network: { mode: 'none' },
      },
      { demo: true },
    );
    // The first profile saved is already the active one; otherwise switch to the demo.
    if ((await this.profiles.active())?.id === view.id) return view;
    return this.profiles.activate(view.id);
  }

  /**
   * Makes sure a demo profile's own sandbox is the one listening at its address before anything is
   * sent there (after an app restart: same port and credentials; if that port is taken by another
   * process, the demo moves to a free port and the profile, secret included, is pointed at it).
   * Throws NETWORK_UNREACHABLE rather than let credentials go to a port the demo does not own.
   */
  async ensureRunning(profile: Profile): Promise<void> {
    if (!profile.demo) return;
    if (this.stopped) throw demoNotRunning();
    const current = await this.profiles.get(profile.id);
    if (this.sandbox?.baseUrl === current.baseUrl) return;
    const secret = await this.secrets.get(clientSecretAccount(profile.id));
    if (!secret) throw new AppError('SECRET_MISSING');
    const credentials = { clientId: current.clientId, clientSecret: secret };
    if (this.sandbox) await this.stopSandbox();
    try {
      await this.launch({ port: portOf(current.baseUrl), credentials });
      return;
    } catch (error) {
      this.logger.info('the demo sandbox’s old port is taken; moving it', { error });
    }
    const sandbox = await this.launch({ credentials });
    await this.profiles.save({
      id: current.id,
      name: current.name,
      baseUrl: sandbox.baseUrl,
      clientId: current.clientId,
      tokenStyle: current.tokenStyle,
      secret,
    });
  }

  /** Stops the demo sandbox until restart() (the app quits, or a test takes the API offline). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.stopSandbox();
  }

  private async stopSandbox(): Promise<void> {
    const sandbox = this.sandbox;
    this.sandbox = null;
    await sandbox?.close();
  }

  /** Starts the demo sandbox again on the same address after stop(). */
  async restart(profile: Profile): Promise<void> {
    this.stopped = false;
    await this.ensureRunning(profile);
  }

  private launch(extra: SandboxOptions): Promise<Sandbox> {
    this.starting ??= startSandbox({ ...demoData, ...(this.options ?? {}), ...extra })
      .then((sandbox) => {
        this.sandbox = sandbox;
        this.logger.info('demo sandbox listening', { baseUrl: sandbox.baseUrl });
        return sandbox;
      })
      .finally(() => {
        this.starting = null;
      });
    return this.starting;
  }
}
