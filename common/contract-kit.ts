import type { z } from 'zod';

/** A request channel's declaration: the schema main parses its argument with, and its result type. */
export interface RequestSpec<A extends z.ZodType, R> {
  readonly args: A;
  /** Type-only marker for the result; never read at run time. */
  readonly result?: R;
}

/** A main→renderer event's declaration; the payload is type-only. */
export interface EventSpec<P> {
  /** Type-only marker for the payload; never read at run time. */
  readonly payload?: P;
}

/** Declares a request channel: `request(argsSchema).returns<Result>()`. */
export function request<A extends z.ZodType>(args: A): { returns<R>(): RequestSpec<A, R> } {
  return { returns: () => ({ args }) };
}

/** Declares a main→renderer event: `event<Payload>()`. */
export function event<P>(): EventSpec<P> {
  return {};
}

/** Splits `domain:verb` into its two halves. */
export function splitChannel(channel: string): [domain: string, verb: string] {
  const at = channel.indexOf(':');
  if (at <= 0 || at === channel.length - 1) throw new Error(`Channel "${channel}" is not of the form domain:verb`);
  return [channel.slice(0, at), channel.slice(at + 1)];
}

/** The bridge's name for an event's subscriber: `portfolios:progress` → `onProgress`. */
export function subscriberName(eventName: string): string {
  const [, name] = splitChannel(eventName);
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}
