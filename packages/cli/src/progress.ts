// One progress bar per phase on a terminal (cli-progress); when the output is not a terminal (CI, a pipe, a test),
// no bar, just one line per finished phase. Either way each phase ends with the same line.
import cliProgress from 'cli-progress';

export type PhaseReport = { label: string; rows: number; ms: number };

const number = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function phaseLine(r: PhaseReport): string {
  const rate = r.ms > 0 ? `${number((r.rows / r.ms) * 1000)} rows/s` : '';
  return `  ${r.label.padEnd(16)} ${number(r.rows).padStart(11)} rows ${formatSeconds(r.ms).padStart(9)}   ${rate}`;
}

export type Output = { write: (text: string) => void; isTTY: boolean; stream: NodeJS.WritableStream };

export function outputOf(stream: NodeJS.WriteStream): Output {
  return { write: (text) => void stream.write(text), isTTY: Boolean(stream.isTTY), stream };
}

/** A phase whose total is known only once it has started: tick it, then end it with its row count. */
export type Phase = { tick: (rows: number) => void; end: (rows: number) => PhaseReport; fail: () => void };

/** Starts a phase: a bar on a terminal (when there is a total), and at its end the phase's closing line. */
export function startPhase(out: Output, label: string, total: number): Phase {
  const started = performance.now();
  let bar: cliProgress.SingleBar | null = null;
  if (out.isTTY && total > 0) {
    bar = new cliProgress.SingleBar({
      format: `  ${label.padEnd(16)} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}`,
      stream: out.stream, clearOnComplete: true, hideCursor: true, etaBuffer: 20, fps: 10, formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? number(v) : String(v)),
    }, cliProgress.Presets.shades_classic);
    bar.start(total, 0, { rate: '0' });
  }
  let done = 0;
  return {
    tick: (n) => {
      done += n;
      const seconds = (performance.now() - started) / 1000;
      bar?.update(done, { rate: seconds > 0 ? number(done / seconds) : '0' });
    },
    end: (rows) => {
      bar?.stop();
      const report = { label, rows, ms: performance.now() - started };
      out.write(`${phaseLine(report)}\n`);
      return report;
    },
    fail: () => bar?.stop(),
  };
}

/** Runs `work` as one phase, feeding its bar through `tick`, and prints the phase's closing line. */
export async function runPhase(
  out: Output, label: string, total: number, work: (tick: (rows: number) => void) => Promise<number>,
): Promise<PhaseReport> {
  const phase = startPhase(out, label, total);
  try {
    return phase.end(await work(phase.tick));
  } catch (error) {
    phase.fail();
    throw error;
  }
}
