// The order and the bound of a shutdown (src/shutdown.ts) without a process: every drain step starts at once, the
// database closes only after the last one ends, and a step that never ends is cut by the grace timer (exit 1).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { graceMsFrom, shutdownOnSignals } from '../../src/shutdown.ts';

type Deferred = { promise: Promise<void>; resolve: () => void };
const deferred = (): Deferred => {
  let resolve = () => {};
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
};

describe('shutdownOnSignals', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('starts every drain step at once, closes the database after the last one, then exits 0 once', async () => {
    const events: string[] = [];
    const [http, jobs, queue] = [deferred(), deferred(), deferred()];
    const exits: number[] = [];
    const run = shutdownOnSignals({
      drain: [
        () => { events.push('http starts'); return http.promise.then(() => events.push('http done')); },
        () => { events.push('jobs start'); return jobs.promise.then(() => events.push('jobs done')); },
        () => { events.push('queue starts'); return queue.promise.then(() => events.push('queue done')); },
      ],
      close: async () => { events.push('database closes'); },
      graceMs: 60_000,
      log: { info: () => {}, error: (msg) => events.push(msg) },
      exit: (code) => exits.push(code),
    }, []);
    const first = run();
    const second = run(); // a second signal: the same shutdown
    await Promise.resolve();
    expect(events).toEqual(['http starts', 'jobs start', 'queue starts']);
    queue.resolve();
    http.resolve();
    await new Promise((r) => setTimeout(r, 10));
    expect(events).not.toContain('database closes');
    jobs.resolve();
    await Promise.all([first, second]);
    expect(events.slice(3)).toEqual(['queue done', 'http done', 'jobs done', 'database closes']);
    expect(exits).toEqual([0]);
  });

  it('exits 1 with a log line when a step is still running at the end of the grace period', async () => {
    vi.useFakeTimers();
    const errors: string[] = [];
    const exits: number[] = [];
    let closed = false;
    void shutdownOnSignals({
      drain: [() => new Promise(() => {})],
      close: async () => { closed = true; },
      graceMs: 2_000,
      log: { info: () => {}, error: (msg) => errors.push(msg) },
      exit: (code) => exits.push(code),
    }, [])();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(exits).toEqual([1]);
    expect(errors).toEqual(['shutdown did not finish within 2000 ms: exiting anyway']);
    expect(closed).toBe(false);
  });

  it('exits 1 when a step fails, naming the failure', async () => {
    const errors: string[] = [];
    const exits: number[] = [];
    await shutdownOnSignals({
      drain: [async () => { throw new Error('pool already ended'); }],
      close: async () => {},
      graceMs: 60_000,
      log: { info: () => {}, error: (msg) => errors.push(msg) },
      exit: (code) => exits.push(code),
    }, [])();
    expect(exits).toEqual([1]);
    expect(errors).toEqual(['shutdown failed: pool already ended']);
  });

  it('reads TANDEM_SHUTDOWN_GRACE_SECONDS, default 10 s, ignoring nonsense', () => {
    expect(graceMsFrom({})).toBe(10_000);
    expect(graceMsFrom({ TANDEM_SHUTDOWN_GRACE_SECONDS: '2.5' })).toBe(2_500);
    for (const bad of ['0', '-3', 'soon', '']) expect(graceMsFrom({ TANDEM_SHUTDOWN_GRACE_SECONDS: bad })).toBe(10_000);
  });
});
