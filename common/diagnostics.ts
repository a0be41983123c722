import type { ConnectionState } from './connection-state';

/** A support report with nothing secret in it: versions, profiles' addresses, state and recent problems. */
export interface DiagnosticsReport {
  generatedAt: string;
  app: {
    name: string;
    version: string;
    platform: string;
    arch: string;
    electron: string | null;
    chrome: string | null;
    node: string;
  };
  keychain: string;
  profiles: Array<{
    name: string;
    baseUrl: string;
    tokenStyle: string;
    demo: boolean;
    hasSecret: boolean;
    active: boolean;
    /** The proxy mode and the proxy's host:port (never credentials), e.g. "Proxy: manual, http proxy at proxy.corp:3128". */
    network: string;
  }>;
  connection: ConnectionState;
  recentProblems: string[];
  /** The whole report as plain text, as copied to the clipboard. */
  text: string;
}
