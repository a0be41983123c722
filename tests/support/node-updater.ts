import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import https from 'node:https';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { AppImageUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';

/**
 * electron-updater's AppAdapter without Electron: what electron-updater asks of Electron's `app`
 * (version, name, folders, quit), answered by the test. quit() is recorded; simulateQuit() runs the
 * handlers electron-updater registered, as the app quitting would.
 */
export class NodeAppAdapter implements AppAdapter {
  readonly name = 'Model Portfolios';
  readonly isPackaged = true;
  quits = 0;
  relaunches = 0;
  private readonly quitHandlers: Array<(exitCode: number) => void> = [];

  constructor(
    readonly version: string,
    readonly appUpdateConfigPath: string,
    readonly userDataPath: string,
    readonly baseCachePath: string,
  ) {}

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  relaunch(): void {
    this.relaunches++;
  }

  quit(): void {
    this.quits++;
  }

  onQuit(handler: (exitCode: number) => void): void {
    this.quitHandlers.push(handler);
  }

  /** How many quit handlers electron-updater registered (one once an update is downloaded). */
  get quitHandlerCount(): number {
    return this.quitHandlers.length;
  }

  /** The app quits with this exit code: electron-updater's handlers run. */
  simulateQuit(exitCode = 0): void {
    for (const handler of this.quitHandlers.splice(0)) handler(exitCode);
  }
}

/**
 * electron-updater's ElectronHttpExecutor with Node's http/https in place of Electron's net: the
 * same download() as electron-updater's, over builder-util-runtime's HttpExecutor, whose redirect,
 * streaming, sha512 check and progress code runs unchanged; only the request is made by Node.
 */
export class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  /** As ElectronHttpExecutor.download: fetches url into destination, verifying the sha512 in options. */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }

  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return (options.protocol === 'https:' ? https : http).request(options, callback);
  }
}

/**
 * electron-updater's AppImageUpdater, with quitAndInstall as BaseUpdater has it minus its one line for
 * Electron (it emits 'before-quit-for-update' on Electron's own autoUpdater, which Node cannot load):
 * the real install (the new AppImage moved in place of $APPIMAGE), then the adapter's recorded quit().
 */
export class NodeAppImageUpdater extends AppImageUpdater {
  /** The arguments of every quitAndInstall call. */
  readonly quitAndInstallCalls: Array<[isSilent: boolean, isForceRunAfter: boolean]> = [];

  override quitAndInstall(isSilent = false, isForceRunAfter = false): void {
    this.quitAndInstallCalls.push([isSilent, isForceRunAfter]);
    this._logger.info('Install on explicit quitAndInstall');
    const installed = this.install(isSilent, isSilent ? isForceRunAfter : this.autoRunAppAfterInstall);
    if (installed) setImmediate(() => this.app.quit());
    else this.quitAndInstallCalled = false;
  }
}

/** electron-updater's real AppImageUpdater for a packaged app of this version, running on Node. */
export function nodeAppImageUpdater(app: NodeAppAdapter): NodeAppImageUpdater {
  const updater = new NodeAppImageUpdater(null, app);
  // With an AppAdapter electron-updater leaves the executor to the caller (in Electron it is net).
  Object.assign(updater, { httpExecutor: new NodeHttpExecutor() });
  return updater;
}
