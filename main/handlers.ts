import { readAppInfo, type AppIdentity } from './app-info-service';
import type { HandlerTable } from './ipc/dispatcher';
import type { SecretStore } from './keychain/secret-store';

/** The main-side services the handlers delegate to. */
export interface MainServices {
  identity: AppIdentity;
  secrets: SecretStore;
}

/** Maps every contract channel to the service call that answers it. */
export function createHandlers(services: MainServices): HandlerTable {
  return {
    'app:info': () => readAppInfo(services.identity, services.secrets),
  };
}
