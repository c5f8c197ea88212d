// `useTestApp()`: the header of every API test file. It registers its own hooks — build the app before the file's
// (or the describe block's) first test, close it after the last, set the clock back to its start before each test —
// and returns a handle whose parts are read inside tests and hooks:
//
//   const t = useTestApp();                      // or useTestApp({ db: 'postgres', now: '2026-03-02T08:00:00Z' })
//   it('...', async () => {
//     const w = await t.world({ users: { ben: {}, cat: {} } });
//     const zoe = expectStatus(await t.api.contacts.create({ name: 'Zoe' }, { as: w.users.ben }), 201).contact;
//     t.clock.advance(60_000);
//     await t.db.selectFrom('audit_log')...
//   });
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Db, DbHandle } from '../../../src/storage/connect.ts';
import { buildTestApp, TEST_START, type ManualClock, type TestApp, type TestAppOptions } from '../../support/harness.ts';
import { apiClient, type ApiClient } from './api-client.ts';
import { buildWorld, type BuiltWorld, type WorldSpec } from './world-builder.ts';

export type UseTestAppOptions = TestAppOptions & {
  /** Set the clock back to `now` before each test (default true), so a test that moves it leaves no trace. */
  resetClock?: boolean;
};

export type TestHandle = {
  readonly app: FastifyInstance;
  readonly db: Db;
  readonly handle: DbHandle;
  readonly clock: ManualClock;
  /** The typed client over this app. */
  readonly api: ApiClient;
  /** A fresh world in this app's database, at the clock's now (world-builder.ts). */
  world<
    const O extends string = 'acme', const U extends string = never, const T extends string = never,
    const C extends string = never, const B extends string = never,
  >(spec: WorldSpec<O, U, T, C, B>): Promise<BuiltWorld<O, U, T, C, B>>;
};

export function useTestApp(options: UseTestAppOptions = {}): TestHandle {
  let current: TestApp | undefined;
  const app = (): TestApp => {
    if (!current) throw new Error('useTestApp: the app exists from beforeAll to afterAll; use the handle inside tests and hooks');
    return current;
  };
  const start = options.now ?? TEST_START;

  beforeAll(async () => {
    current = await buildTestApp(options);
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  if (options.resetClock !== false) beforeEach(() => app().clock.set(start));

  const api = apiClient(() => app().app);
  return {
    get app() { return app().app; },
    get db() { return app().db; },
    get handle() { return app().handle; },
    get clock() { return app().clock; },
    api,
    world: (spec) => buildWorld(app().db, app().clock, spec),
  };
}
