import { contract } from '../../common/contract';
import type { ParsedArg, RequestChannel, RequestResult } from '../../common/contract-types';
import { isErrorCode } from '../../common/error-codes';
import { AppError, fail, ok, toErrorData, type Result } from '../../common/result';

/** A handler for one channel: gets the parsed argument, returns the value or throws an AppError. */
export type Handler<C extends RequestChannel> = (arg: ParsedArg<C>) => Promise<RequestResult<C>> | RequestResult<C>;

/** One handler per contract channel; the compiler insists on all of them. */
export type HandlerTable = { [C in RequestChannel]: Handler<C> };

/** Answers one request: channel name and raw argument in, a Result out, never a throw. */
export type Dispatch = (channel: string, rawArg: unknown) => Promise<Result<unknown>>;

/** Called with every error a handler threw that was not an AppError (for the log). */
export type UnexpectedErrorSink = (channel: string, error: unknown) => void;

/** Builds the single dispatch function: look up, parse the argument with its schema, run, wrap. */
export function createDispatcher(handlers: HandlerTable, onUnexpected: UnexpectedErrorSink = () => {}): Dispatch {
  return async (channel, rawArg) => {
    if (typeof channel !== 'string' || !Object.hasOwn(contract.requests, channel)) {
      return fail(new AppError('UNKNOWN_CHANNEL').toData());
    }
    const name = channel as RequestChannel;
    const parsed = contract.requests[name].args.safeParse(rawArg);
    if (!parsed.success) {
      // Issue paths and messages only: never the offending values, which may be secrets.
      const detail = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.length ? issue.path.join('.') : 'argument'}: ${issue.message}`)
        .join('; ');
      return fail(new AppError('VALIDATION', `The request "${name}" was not valid (${detail}).`).toData());
    }
    try {
      const handler = handlers[name] as (arg: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (!(error instanceof AppError) || !isErrorCode(error.code)) onUnexpected(name, error);
      return fail(toErrorData(error));
    }
  };
}
