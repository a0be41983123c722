import { readAppInfo } from './app-info-service';
import type { HandlerTable } from './ipc/dispatcher';
import type { MainServices } from './services';

/** Maps every contract channel to the service call that answers it. */
export function createHandlers(services: MainServices): HandlerTable {
  const { profiles } = services;
  return {
    'app:info': () => readAppInfo(services.identity, services.secrets),

    'profiles:list': () => profiles.state(),
    'profiles:save': (draft) => profiles.save(draft),
    'profiles:setSecret': ({ profileId, secret }) => profiles.setSecret(profileId, secret),
    'profiles:deleteSecret': ({ profileId }) => profiles.deleteSecret(profileId),
    'profiles:hasSecret': ({ profileId }) => profiles.hasSecret(profileId),
    'profiles:activate': ({ profileId }) => profiles.activate(profileId),
    'profiles:remove': ({ profileId }) => profiles.remove(profileId),

    'auth:signOut': ({ profileId }) => profiles.signOut(profileId),
    'auth:testConnection': (arg) => ('profileId' in arg ? profiles.testSaved(arg.profileId) : profiles.testDraft(arg.draft)),
  };
}
