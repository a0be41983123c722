import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';

/** One request the feed answered. */
export interface FeedRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

/**
 * A generic update feed on 127.0.0.1: a plain static folder, as a web server or bucket serves the
 * uploaded installers and latest*.yml. It can be stopped (the feed is down) and started again on the
 * same port, and can send files slowly so a download reports progress.
 */
export class UpdateFeed {
  readonly requests: FeedRequest[] = [];
  /** When set, files go out in chunks of this many bytes, one every 100 ms. */
  slowChunkBytes: number | null = null;
  /** With slowChunkBytes: a file stops once this many bytes are out, until release() (a download caught mid-way). */
  holdAfterBytes: number | null = null;
  private readonly held: Array<() => void> = [];
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  private constructor(readonly root: string) {}

  /** Starts serving a folder on a free loopback port. */
  static async start(root: string): Promise<UpdateFeed> {
    const feed = new UpdateFeed(root);
    await feed.listen();
    return feed;
  }

  /** The feed's base URL, with the trailing slash electron-builder's generic provider expects. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** The paths of the requests so far (query strings dropped). */
  paths(): string[] {
    return this.requests.map((request) => request.path);
  }

  /** Lets the held downloads go on, and holds no more. */
  release(): void {
    this.holdAfterBytes = null;
    for (const go of this.held.splice(0)) go();
  }

  /** Stops answering: new connections are refused, open ones are closed. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Starts answering again on the same port. */
  async resume(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  private async listen(port = 0): Promise<void> {
    const server = http.createServer((request, response) => void this.answer(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private async answer(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://feed').pathname);
    this.requests.push({ path: pathname, headers: request.headers });
    const file = path.join(this.root, pathname);
    const size = await stat(file).then(
      (info) => (info.isFile() && file.startsWith(this.root + path.sep) ? info.size : null),
      () => null,
    );
    if (request.method !== 'GET' || size === null) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-length': size,
      'content-type': file.endsWith('.yml') ? 'text/yaml' : 'application/octet-stream',
    });
    const chunk = this.slowChunkBytes;
    if (chunk === null) {
      createReadStream(file).pipe(response);
      return;
    }
    const stream = createReadStream(file, { highWaterMark: chunk });
    let sent = 0;
    stream.on('data', (data) => {
      stream.pause();
      response.write(data);
      sent += data.length;
      const next = () => setTimeout(() => stream.resume(), 100);
      if (this.holdAfterBytes !== null && sent >= this.holdAfterBytes) this.held.push(next);
      else next();
    });
    stream.on('end', () => response.end());
    response.on('close', () => stream.destroy());
  }
}
