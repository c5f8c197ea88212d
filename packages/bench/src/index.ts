// @tandem/bench: the benchmark harness (issue 9). `tandem bench` delegates here.
export { runBench } from './run.ts';
export { BENCH_HELP, parseArgs, UsageError, type BenchOptions } from './args.ts';
