// What the HTTP layer is built from. The domain's `Deps` is the part of it the use cases see (structurally: an
// AppDeps is a Deps), so routes hand `deps` straight to a use case.
import type { Clock } from '../clock.ts';
import type { Deps } from '../domain/shared/deps.ts';

export type AppDeps = Deps & {
  clock: Clock;
  /** Pino logger options; false in tests. */
  logger?: boolean | object;
  /** Folder of the built web app; when absent, only the API is served. */
  webDir?: string;
  /** Mark cookies Secure (behind HTTPS). */
  secureCookies?: boolean;
};
