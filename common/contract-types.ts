import type { z } from 'zod';
import type { contract } from './contract';
import type { Result } from './result';

type Requests = typeof contract.requests;
type Events = typeof contract.events;

/** Every request channel name. */
export type RequestChannel = keyof Requests;
/** Every main→renderer event name. */
export type EventName = keyof Events;
/** What the renderer passes to a channel (before main parses it). */
export type RequestArg<C extends RequestChannel> = z.input<Requests[C]['args']>;
/** What a handler receives (after main parses it). */
export type ParsedArg<C extends RequestChannel> = z.output<Requests[C]['args']>;
/** What a channel's handler returns on success (null when its type says so; only the marker's undefined is dropped). */
export type RequestResult<C extends RequestChannel> = Exclude<Requests[C]['result'], undefined>;
/** An event's payload (null when its type says so). */
export type EventPayload<E extends EventName> = Exclude<Events[E]['payload'], undefined>;

type DomainOf<K> = K extends `${infer D}:${string}` ? D : never;
type Domain = DomainOf<RequestChannel> | DomainOf<EventName>;

type Verb<C extends RequestChannel> = [RequestArg<C>] extends [undefined]
  ? () => Promise<Result<RequestResult<C>>>
  : (arg: RequestArg<C>) => Promise<Result<RequestResult<C>>>;

type Subscriber<E extends EventName> = (listener: (payload: EventPayload<E>) => void) => () => void;

type DomainApi<D extends string> = {
  readonly [C in RequestChannel as C extends `${D}:${infer V}` ? V : never]: Verb<C>;
} & {
  readonly [E in EventName as E extends `${D}:${infer N}` ? `on${Capitalize<N>}` : never]: Subscriber<E>;
};

/** The renderer's whole view of main: domain objects of verbs and event subscribers, derived from the contract. */
export type PortfolioApi = { readonly [D in Domain]: DomainApi<D> };
