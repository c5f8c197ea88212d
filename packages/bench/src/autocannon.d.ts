// The part of autocannon's (untyped) API the load generator uses.
declare module 'autocannon' {
  type Histogram = { p50: number; p97_5: number; p99: number; max: number; average: number };
  type Result = {
    latency: Histogram;
    requests: { average: number; total: number; sent: number };
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    '5xx': number;
  };
  type Options = {
    url: string;
    connections: number;
    duration: number;
    timeout?: number;
    requests?: { method?: string; setupRequest?: (req: Record<string, unknown>) => Record<string, unknown> }[];
  };
  export default function autocannon(options: Options): Promise<Result>;
}
