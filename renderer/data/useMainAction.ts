import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { AppErrorData, Result } from '../../common/result';
import { errorData, unwrap } from './main-result';
import { refreshedSince } from './refreshed-since';

/** What an action does besides calling main. */
export interface MainActionOptions<A, T> {
  /** Queries main's events refresh after this action; it finishes when they have (it reads nothing itself). */
  settles?: readonly QueryKey[];
  onSuccess?: (value: T, arg: A) => void;
  onError?: (error: AppErrorData, arg: A) => void;
}

/** A call to main the user started, and how it is going. */
export interface MainAction<A, T> {
  /** Runs the call; resolves with main's value, or null when it failed (the error is reported). */
  run(arg: A): Promise<T | null>;
  pending: boolean;
  /** What the argument of the call under way (or of the last one) was. */
  arg: A | undefined;
  error: AppErrorData | null;
}

/**
 * Every change the renderer asks main for goes through here: main's answer goes to the callbacks,
 * never into a cached copy; what it changed reaches the screen through main's events.
 */
export function useMainAction<A = void, T = unknown>(
  call: (arg: A) => Promise<Result<T>>,
  options: MainActionOptions<A, T> = {},
): MainAction<A, T> {
  const client = useQueryClient();
  const { settles = [], onSuccess, onError } = options;
  const mutation = useMutation<T, Error, A>({
    mutationFn: async (arg) => {
      const since = Date.now();
      const value = unwrap(await call(arg));
      await Promise.all(settles.map((key) => refreshedSince(client, key, since)));
      return value;
    },
    onSuccess: (value, arg) => onSuccess?.(value, arg),
    onError: (error, arg) => onError?.(errorData(error), arg),
  });
  return {
    run: (arg) => mutation.mutateAsync(arg).catch(() => null),
    pending: mutation.isPending,
    arg: mutation.variables,
    error: mutation.error ? errorData(mutation.error) : null,
  };
}
