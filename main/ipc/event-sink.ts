import type { EventName, EventPayload } from '../../common/contract-types';

/** Sends contract events to the renderer: the window's webContents in Electron, page.evaluate in the harness. */
export interface EventSink {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

/** An EventSink that fans out to whatever sinks are attached now (windows come and go). */
export class EventHub implements EventSink {
  private readonly sinks = new Set<(name: string, payload: unknown) => void>();

  /** Attaches a raw sender; returns the function that detaches it. */
  attach(send: (name: string, payload: unknown) => void): () => void {
    this.sinks.add(send);
    return () => this.sinks.delete(send);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const send of this.sinks) {
      try {
        send(name, payload);
      } catch {
        // A window that went away mid-send must not break the others.
      }
    }
  }
}
