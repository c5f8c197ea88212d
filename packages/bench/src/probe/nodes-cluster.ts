// Two Tandem server processes on one PostgreSQL database, as a load balancer would see them (issue 14 item 4,
// docs/operations.md "Many nodes"): the same DATABASE_URL and the same TANDEM_SECRET_KEY, each its own process, port
// and memory (so its own kept session facts, D19). Each runs the production bundle as `npm start` does, built for the
// run into a folder of its own (the process tests' buildRuntime: the shared dist/ is never rebuilt); a bundle starts
// in a fraction of the time tsx takes to compile the sources. The schema is migrated once before the nodes start, as
// a deploy step would.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { openDatabase } from '../../../server/src/storage/connect.ts';
import { migrate } from '../../../server/src/storage/migrate.ts';
import { buildRuntime } from '../../../server/test/process/support/server-process.ts';
import { freePort } from '../postgres.ts';

export type NodeProcess = { name: string; base: string; child: ChildProcess; output: () => string; stop: () => Promise<void> };
export type TwoNodes = { a: NodeProcess; b: NodeProcess; stop: () => Promise<void> };

async function waitHealthy(node: NodeProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (node.child.exitCode !== null) throw new Error(`node ${node.name} exited (${node.child.exitCode}) before it was ready:\n${node.output()}`);
    try {
      if ((await fetch(`${node.base}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`node ${node.name} never answered its health check:\n${node.output()}`);
}

async function startNode(runtime: string, name: string, env: Record<string, string>): Promise<NodeProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--enable-source-maps', 'packages/server/dist/main.js'], {
    cwd: runtime,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', TANDEM_DEMO_DATA: 'off', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  return {
    name, base: `http://127.0.0.1:${port}`, child, output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', kill);
    },
  };
}

/** Migrates `databaseUrl`, then starts nodes A and B on it with one shared secret key; both answer health on return. */
export async function startTwoNodes(databaseUrl: string): Promise<TwoNodes> {
  const handle = openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 1 });
  try {
    await migrate(handle);
  } finally {
    await handle.close();
  }
  const env = { DATABASE_URL: databaseUrl, TANDEM_SECRET_KEY: randomBytes(32).toString('hex') };
  const runtime = buildRuntime();
  const nodes = await Promise.all([startNode(runtime, 'A', env), startNode(runtime, 'B', env)]);
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(runtime, { recursive: true, force: true });
  };
  try {
    await Promise.all(nodes.map((n) => waitHealthy(n, 120_000)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { a: nodes[0] as NodeProcess, b: nodes[1] as NodeProcess, stop };
}
