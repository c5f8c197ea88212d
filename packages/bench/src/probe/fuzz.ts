// The fuzzer: for every operation of the generated OpenAPI document, malformed and hostile requests (fuzz-cases.ts)
// sent to the real app. Passes when no answer is a 5xx, every refusal is an RFC 9457 problem with a code of the
// error catalog, and no refused write request changed any table (fingerprints before and after, snapshot.ts).
import fc from 'fast-check';
import { ERROR_CATALOG } from '../../../api/src/errors.ts';
import { caseArb, type FuzzCase } from './fuzz-cases.ts';
import { buildFuzzWorld, harvestIds, poolOf, type FuzzWorld } from './fuzz-world.ts';
import { readOperations, type Operation } from './openapi-ops.ts';
import { writeGuard } from './snapshot.ts';
import { asCurl, send, startTarget, type Answer, type ProbeDb, type Target } from './target.ts';

export type FuzzOptions = { db: ProbeDb; cases: number; seed: number; /** every how many refused writes to fingerprint the tables (1: all) */ checkEvery: number };
export type Finding = { kind: '5xx' | 'not a problem' | 'partial write'; op: string; status: number; what: string; curl: string };
export type FuzzReport = {
  db: ProbeDb; seed: number; cases: number; operations: number; operationsHit: number; byStatus: Record<string, number>;
  serverErrors: number; worldsRebuilt: number; worldMs: number; badProblems: number; partialWrites: number; writesChecked: number; findings: Finding[]; ms: number;
};

const CODES = new Set(Object.keys(ERROR_CATALOG));
const REBUILD_EVERY = 400;

async function alive(target: Target, world: FuzzWorld): Promise<boolean> {
  for (const token of [world.creds.admin, world.creds.member]) {
    const me = await target.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    if (me.statusCode !== 200) return false;
  }
  return true;
}

/** What is wrong with an error answer's body, or null: RFC 9457 JSON with a catalogued `code` and the right status. */
export function problemFault(answer: Answer): string | null {
  if (!answer.type.startsWith('application/problem+json')) return `content type ${answer.type || '(none)'}`;
  const b = answer.body as Record<string, unknown> | null;
  if (typeof b !== 'object' || b === null) return 'body is not a JSON object';
  for (const field of ['type', 'title', 'detail', 'code']) if (typeof b[field] !== 'string') return `no string ${field}`;
  if (b.status !== answer.status) return `status ${String(b.status)} in a ${answer.status} answer`;
  if (!CODES.has(b.code as string)) return `code ${String(b.code)} is not in ERROR_CATALOG`;
  return null;
}

/** The cases of one chunk, drawn with a seed of their own so a chunk can be replayed alone. */
function drawCases(ops: Operation[], world: FuzzWorld, harvested: Set<string>, older: string[], n: number, seed: number): FuzzCase[] {
  const pool = poolOf(world, harvested, older);
  // Operations that hash a password (argon2, a few hundred ms each) are drawn a quarter as often as the others.
  const slow = (op: Operation) => JSON.stringify(op.body ?? {}).toLowerCase().includes('password');
  const arb = fc.oneof(...ops.map((op) => ({ weight: slow(op) ? 1 : 4, arbitrary: caseArb(op, pool, world.creds) })));
  return fc.sample(arb, { seed, numRuns: n });
}

export async function runFuzz(options: FuzzOptions, target?: Target): Promise<FuzzReport> {
  const own = target ?? (await startTarget(options.db));
  const started = performance.now();
  try {
    const ops = await readOperations(own.app);
    const guard = await writeGuard(own.db);
    const report: FuzzReport = {
      db: options.db, seed: options.seed, cases: 0, operations: ops.length, operationsHit: 0, byStatus: {}, serverErrors: 0, worldsRebuilt: 0, worldMs: 0,
      badProblems: 0, partialWrites: 0, writesChecked: 0, findings: [], ms: 0,
    };
    const hit = new Set<string>();
    const older: string[] = [];
    const harvested = new Set<string>();
    let world = await buildFuzzWorld(own);
    let refusedWrites = 0;
    for (let chunk = 0; report.cases < options.cases; chunk += 1) {
      if (chunk > 0) {
        older.push(...world.foreign);
        const at = performance.now();
        world = await buildFuzzWorld(own);
        report.worldMs += performance.now() - at;
      }
      const n = Math.min(REBUILD_EVERY, options.cases - report.cases);
      for (const c of drawCases(ops, world, harvested, older.slice(-200), n, options.seed + chunk)) {
        const write = c.op.method !== 'GET';
        const check = write && refusedWrites % options.checkEvery === 0;
        if (check) await guard.before();
        const answer = await send(own.app, c.sent);
        report.cases += 1;
        hit.add(c.op.id);
        const cls = `${Math.floor(answer.status / 100)}xx`;
        report.byStatus[answer.status] = (report.byStatus[answer.status] ?? 0) + 1;
        const finding = (kind: Finding['kind'], what: string) => report.findings.push({ kind, op: c.op.id, status: answer.status, what: `${c.mutation}: ${what}`, curl: asCurl(c.sent) });
        if (answer.status >= 500) {
          report.serverErrors += 1;
          finding('5xx', typeof answer.body === 'object' ? JSON.stringify(answer.body) : answer.text.slice(0, 300));
        }
        if (answer.status >= 400) {
          const fault = problemFault(answer);
          if (fault) {
            report.badProblems += 1;
            finding('not a problem', fault);
          }
        } else if (cls === '2xx') {
          harvestIds(answer.body, harvested);
        }
        if (write && answer.status >= 400 && answer.status < 500) {
          refusedWrites += 1;
          if (check) {
            report.writesChecked += 1;
            const changed = await guard.changedSince();
            if (changed.length) {
              report.partialWrites += 1;
              finding('partial write', `tables changed: ${changed.join(', ')}`);
            }
          }
        }
        // A write that signed its caller out, changed a password or deactivated someone may have ended a session the
        // cases use: then the chunk ends and a new world (new sessions) is built, so later cases are not all 401.
        if (write && cls === '2xx' && !(await alive(own, world))) {
          report.worldsRebuilt += 1;
          break;
        }
      }
    }
    report.operationsHit = hit.size;
    report.ms = Math.round(performance.now() - started);
    return report;
  } finally {
    if (!target) await own.close();
  }
}

export function printFuzzReport(r: FuzzReport, log: (line: string) => void = console.log): void {
  log(`fuzz on ${r.db} (seed ${r.seed}): ${r.cases} cases over ${r.operationsHit} of ${r.operations} operations in ${(r.ms / 1000).toFixed(1)} s`);
  log(`  answers by status: ${Object.entries(r.byStatus).sort(([a], [b]) => Number(a) - Number(b)).map(([s, n]) => `${s}: ${n}`).join(', ')}`);
  log(`  5xx: ${r.serverErrors}, refusals that are not catalogued RFC 9457 problems: ${r.badProblems}, partial writes: ${r.partialWrites} (of ${r.writesChecked} refused writes fingerprinted); worlds rebuilt after a case ended a session: ${r.worldsRebuilt} (${(r.worldMs / 1000).toFixed(1)} s)`);
  for (const f of r.findings.slice(0, 60)) log(`  ${f.kind} ${f.status} ${f.op} (${f.what.slice(0, 300)})\n    ${f.curl}`);
  if (r.findings.length > 60) log(`  … and ${r.findings.length - 60} more findings`);
}
