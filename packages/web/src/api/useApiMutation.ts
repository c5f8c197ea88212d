// The one place every change the app makes goes through (issue 10, item 7: no double submits). It wraps TanStack's
// useMutation and adds two guards:
//   - while a change runs, `mutate` ignores further calls (a double click lands before React re-renders the button
//     as disabled), and `isPending` disables the control that started it (Button's `loading`);
//   - each user intent carries an idempotency key, a fresh UUID for a new intent and the same one when the same
//     input is sent again after a failure (a retry), so a repeat the browser could not stop (two tabs, a lost
//     answer) still acts once on the server. Endpoints that honour it (POST /contacts and the history posts,
//     docs/decisions.md D21) get it as the `Idempotency-Key` header: pass `intent.idempotencyKey` to `call`.
import { useMutation, type UseMutationOptions, type UseMutationResult } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { NetworkError } from './client.ts';

export type Intent = { idempotencyKey: string };

export type ApiMutationOptions<TData, TVariables, TContext> = Omit<UseMutationOptions<TData, Error, TVariables, TContext>, 'mutationFn'> & {
  mutationFn: (variables: TVariables, intent: Intent) => Promise<TData>;
};

/** A random UUID (v4), also where `crypto.randomUUID` is missing (a plain-HTTP address that is not localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** JSON with object keys in order, so the same input always reads the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }) ?? 'undefined';
}

/**
 * Keeps one key per intent: the same input as the last unfinished attempt keeps its key (a retry); other input, or
 * anything after a success, gets a new one.
 */
export function intentKeeper(): { keyFor: (variables: unknown) => string; done: () => void } {
  let current: { key: string; input: string } | null = null;
  return {
    keyFor(variables) {
      const input = canonicalJson(variables);
      if (!current || current.input !== input) current = { key: newIdempotencyKey(), input };
      return current.key;
    },
    done() {
      current = null;
    },
  };
}

/** Only a lost connection is retried by itself (with the same key, so it cannot act twice). */
const retryLostConnection = (count: number, error: Error) => count < 2 && error instanceof NetworkError;

export function useApiMutation<TData = unknown, TVariables = void, TContext = unknown>(
  options: ApiMutationOptions<TData, TVariables, TContext>,
): UseMutationResult<TData, Error, TVariables, TContext> {
  const keeper = useRef<ReturnType<typeof intentKeeper> | null>(null);
  keeper.current ??= intentKeeper();
  const running = useRef<Promise<TData> | null>(null);
  const { mutationFn, onSuccess, ...rest } = options;
  const mutation = useMutation<TData, Error, TVariables, TContext>({
    retry: retryLostConnection,
    ...rest,
    mutationFn: (variables) => mutationFn(variables, { idempotencyKey: (keeper.current ??= intentKeeper()).keyFor(variables) }),
    onSuccess: (...args) => {
      keeper.current?.done();
      return onSuccess?.(...args);
    },
  });
  const { mutateAsync } = mutation;
  type Args = Parameters<typeof mutateAsync>;

  const start = useCallback(
    (...args: Args): Promise<TData> => {
      if (running.current) return running.current;
      const promise = mutateAsync(...args).finally(() => {
        running.current = null;
      });
      running.current = promise;
      return promise;
    },
    [mutateAsync],
  );
  const mutate = useCallback(
    (...args: Args) => {
      // Errors reach the callbacks and `error`; nothing is left unhandled.
      start(...args).catch(() => undefined);
    },
    [start],
  );
  return { ...mutation, mutate, mutateAsync: start };
}
