import { readAppInfo } from './app-info-service';
import { buildDiagnostics } from './diagnostics';
import type { HandlerTable } from './ipc/dispatcher';
import type { MainServices } from './services';

/** Maps every contract channel to the service call that answers it. */
export function createHandlers(services: MainServices): HandlerTable {
  const { profiles, portfolios, demo } = services;

  /** Reloads the portfolios when the active profile (or its credentials) changed. */
  const reloadIfActive = async (profileId: string) => {
    const active = await profiles.active();
    if (active?.id === profileId) await portfolios.activeProfileChanged();
  };

  return {
    'app:info': () => readAppInfo(services.identity, services.secrets),
    'app:copyDiagnostics': async () => {
      const report = await buildDiagnostics(services);
      services.shell.copyText(report.text);
      return report;
    },

    'profiles:list': () => profiles.state(),
    'profiles:save': async (draft) => {
      const view = await profiles.save(draft);
      await reloadIfActive(view.id);
      return view;
    },
    'profiles:setSecret': async ({ profileId, secret }) => {
      const view = await profiles.setSecret(profileId, secret);
      await reloadIfActive(profileId);
      return view;
    },
    'profiles:deleteSecret': ({ profileId }) => profiles.deleteSecret(profileId),
    'profiles:hasSecret': ({ profileId }) => profiles.hasSecret(profileId),
    'profiles:activate': async ({ profileId }) => {
      const state = await profiles.activate(profileId);
      await portfolios.activeProfileChanged();
      return state;
    },
    'profiles:remove': async ({ profileId }) => {
      const state = await profiles.remove(profileId);
      await portfolios.activeProfileChanged();
      return state;
    },

    'auth:signOut': async ({ profileId }) => {
      const view = await profiles.signOut(profileId);
      if ((await profiles.active())?.id === profileId) {
        portfolios.cancelSync();
        portfolios.connection.tokenValidUntil(null);
      }
      return view;
    },
    'auth:testConnection': async (arg) => {
      if (!('profileId' in arg)) return profiles.testDraft(arg.draft);
      // A demo profile's credentials go only to its own sandbox.
      await demo.ensureRunning(await profiles.get(arg.profileId));
      return profiles.testSaved(arg.profileId);
    },

    'demo:start': async () => {
      const state = await demo.startNew();
      await portfolios.activeProfileChanged();
      return state;
    },

    'portfolios:list': () => portfolios.list(),
    'portfolios:get': ({ id }) => portfolios.get(id),
    'sync:now': () => portfolios.syncNow(),
    'sync:cancel': () => portfolios.cancelSync(),
    'connection:state': () => portfolios.state(),
    'export:csv': ({ kind, ids }) => portfolios.exportCsv(kind, ids),
    'export:showInFolder': ({ path }) => portfolios.showInFolder(path),
  };
}
