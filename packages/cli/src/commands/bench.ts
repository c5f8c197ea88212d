// `tandem bench`: the benchmark harness of @tandem/bench (docs/performance.md), with the same flags as
// `npm run bench -- ...`. A bad flag is the CLI's usage error (exit 2); a peer that disagrees with Tandem exits 1.
import { runBench, UsageError as BenchUsageError } from '@tandem/bench';
import { UsageError } from '../args.ts';
import type { Output } from '../progress.ts';

export async function runBenchCommand(argv: readonly string[], stdout: Output): Promise<number> {
  try {
    return await runBench(argv, stdout);
  } catch (error) {
    if (error instanceof BenchUsageError) throw new UsageError(error.message.replace(/^bench:/, 'tandem bench:'));
    throw error;
  }
}
