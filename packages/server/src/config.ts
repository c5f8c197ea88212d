// Configuration from the environment (see README and ../shared/spec/api.md "Running").
import { targetFromEnv, type DbTarget } from './storage/connect.ts';

export type Config = { port: number; host: string; db: DbTarget; demoData: boolean; logLevel: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    db: targetFromEnv(env),
    demoData: (env.TANDEM_DEMO_DATA ?? 'on').toLowerCase() !== 'off',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
