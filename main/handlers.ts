import { readAppInfo } from './app-info-service';
import { copyDiagnostics } from './diagnostics';
import type { HandlerTable } from './ipc/dispatcher';
import type { MainServices } from './services';

/** Maps every contract channel to the one service call that answers it. */
export function createHandlers(services: MainServices): HandlerTable {
  const { profiles, portfolios, exports, connectionTests, demo } = services;
  return {
    'app:info': () => readAppInfo(services.identity, services.secrets),
    'app:copyDiagnostics': () => copyDiagnostics(services),

    'profiles:list': () => profiles.state(),
    'profiles:save': (draft) => profiles.save(draft),
    'profiles:setSecret': ({ profileId, secret }) => profiles.setSecret(profileId, secret),
    'profiles:activate': ({ profileId }) => profiles.activate(profileId),
    'profiles:remove': ({ profileId }) => profiles.remove(profileId),

    'auth:signOut': ({ profileId }) => profiles.signOut(profileId),
    'auth:testConnection': (arg) => connectionTests.test(arg),

    'demo:start': () => demo.startNew(),

    'portfolios:list': () => portfolios.list(),
    'portfolios:get': ({ id }) => portfolios.get(id),
    'portfolios:firstScreen': ({ limit }) => portfolios.firstScreen(limit),
    'sync:now': () => portfolios.syncNow(),
    'sync:cancel': () => portfolios.cancelSync(),
    'connection:state': () => portfolios.state(),
    'export:csv': ({ kind, ids }) => exports.exportCsv(kind, ids),
    'export:showInFolder': ({ path }) => exports.showInFolder(path),

    // Updates (issue 14)
    'update:state': () => services.updates.state(),
    'update:check': () => services.updates.check(),
    'update:download': () => services.updates.download(),
    'update:restart': () => services.updates.restart(),
    'update:setMode': ({ mode }) => services.updates.setMode(mode),
    // Factsheet (issue 15)
    'factsheet:savePdf': ({ id, pageSize }) => services.factsheets.savePdf(id, pageSize),
    // Network (issue 13)
    'proxy:signIn': (answer) => services.network.prompts.answer(answer),
    'proxy:cancelSignIn': ({ id }) => services.network.prompts.cancel(id),
    'proxy:current': () => services.network.prompts.current(),
    'proxy:savedSignIns': () => services.network.savedSignIns(),
    'proxy:forgetSignIn': (proxy) => services.network.forgetSignIn(proxy),
    // Model changes (issue 15)
    'changes:overview': () => services.changes.overview(),
    'changes:portfolio': ({ id, from, to }) => services.changes.portfolio(id, { from, to }),
    'changes:markSeen': ({ ids }) => services.changes.markSeen(ids),
    'changes:settings': () => services.changes.settings(),
    'changes:saveSettings': (patch) => services.changes.saveSettings(patch),
    'changes:exportTradeList': (request) => services.changes.exportTradeList(request),
    'compare:portfolios': ({ ids }) => services.changes.compare(ids),
    'compare:exportCsv': ({ ids }) => services.changes.exportComparison(ids),
  };
}
