// `npm run probe:replica -- [--trials 400]`: read replicas (docs/decisions.md D49) on a real PostgreSQL primary and a
// hot standby started here on loopback. Trials of {revoke a share, revoke a grant, remove from a team, switch
// "share all" off} then list at once, through the API of an app whose lists read through the replica
// (packages/server/test/support/replica-trials.ts), in three phases: the standby keeping up; replaying each commit
// 40 ms late (recovery_min_apply_delay: lists wait for it); replay paused (lists fall back to the primary after the
// 200 ms bound). Prints trials, stale answers, missed writes, where lists ran, and list latency on the replica app
// against the same list with everything on the primary. Exits 1 on any stale answer or missed write.
import { runTrials, startReplicaStand, type TrialFigures } from '../../../server/test/support/replica-trials.ts';
import { flag } from './probe-args.ts';
import { summarize } from '../stats.ts';

const trials = Number(flag('trials', '400'));
const ms = (samples: number[]) => {
  const s = summarize(samples);
  return `p50 ${s.p50.toFixed(2)} ms, p95 ${(s.p95 ?? NaN).toFixed(2)} ms`;
};

function line(phase: string, f: TrialFigures): string {
  const o = f.outcomes;
  const onStandby = o.replica + o.replica_waited;
  return [
    `${phase.padEnd(22)} trials ${String(f.trials).padStart(5)}  stale ${f.stale}  missed writes ${f.missedWrites}`,
    `  lists through the replica ${f.lists}: on the standby ${onStandby} (${((100 * onStandby) / Math.max(1, f.lists)).toFixed(1)}%; at once ${o.replica}, after waiting for replay ${o.replica_waited}),`,
    `  on the primary: standby lagging past the bound ${o.primary_lagging}, standby unavailable ${o.primary_unavailable}; waited ${(o.waitedMs / Math.max(1, o.replica_waited + o.primary_lagging)).toFixed(1)} ms per wait`,
    `  list right after the revoke: replica app ${ms(f.replicaListMs)}; primary only ${ms(f.primaryListMs)}`,
    `  list with no write just before: replica app ${ms(f.quietReplicaMs)}; primary only ${ms(f.quietPrimaryMs)}`,
  ].join('\n');
}

const started = Date.now();
const stand = await startReplicaStand({ maxWaitMs: 200 });
const phases: [string, TrialFigures][] = [];
try {
  process.stderr.write(`primary + hot standby up in ${Date.now() - started} ms; ${trials} trials keeping up...\n`);
  phases.push(['standby keeping up', await runTrials(stand, trials)]);
  const delayed = Math.max(4, Math.round(trials / 4));
  process.stderr.write(`${delayed} trials with recovery_min_apply_delay 40 ms...\n`);
  await stand.pair.setApplyDelay(40);
  phases.push(['replay 40 ms late', await runTrials(stand, delayed)]);
  await stand.pair.setApplyDelay(0);
  const paused = Math.max(4, Math.round(trials / 50));
  process.stderr.write(`${paused} trials with replay paused...\n`);
  await stand.pair.pauseReplay();
  phases.push(['replay paused', await runTrials(stand, paused)]);
  await stand.pair.resumeReplay();
} finally {
  await stand.close();
}

console.log(`Read replica probe (D49): PostgreSQL primary + hot standby (streaming replication, loopback), wait bound 200 ms`);
for (const [phase, figures] of phases) console.log(line(phase, figures));
const stale = phases.reduce((n, [, f]) => n + f.stale, 0);
const missed = phases.reduce((n, [, f]) => n + f.missedWrites, 0);
const total = phases.reduce((n, [, f]) => n + f.trials, 0);
console.log(`total: ${total} trials, stale ${stale}, missed writes ${missed} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(stale || missed ? 1 : 0);
