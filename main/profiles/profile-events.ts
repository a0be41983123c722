/**
 * A change to the profiles, as their owner (ProfileService) publishes it. `active` says whether the
 * profile concerned is the active one after the change (for `removed`: whether it was).
 */
export type ProfileChange =
  | {
      kind: 'saved';
      profileId: string;
      active: boolean;
      /** base URL, client id, style or network setting changed, or new */ connectionChanged: boolean;
    }
  | { kind: 'secret-changed'; profileId: string; active: boolean }
  | { kind: 'signed-out'; profileId: string; active: boolean }
  /** The access token was obtained or forgotten (its validity changed). */
  | { kind: 'token'; profileId: string; active: boolean }
  | { kind: 'activated'; profileId: string; active: true }
  /** About to be deleted: owners of the profile's data let go of it (their work settled) now. */
  | { kind: 'removing'; profileId: string; active: boolean }
  | { kind: 'removed'; profileId: string; active: boolean };

/** Reacts to a profile change; main's services may take their time (the owner waits for them). */
export type ProfileListener = (change: ProfileChange) => void | Promise<void>;

/** The profiles' change feed: subscribers are told in order, and the owner waits until each has reacted. */
export class ProfileEvents {
  private readonly listeners = new Set<ProfileListener>();

  /** Adds a listener; returns its unsubscribe. */
  subscribe(listener: ProfileListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener, one after another. */
  async emit(change: ProfileChange): Promise<void> {
    for (const listener of [...this.listeners]) await listener(change);
  }
}
