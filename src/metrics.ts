// Prometheus metrics (P5) in the text exposition format, without a client library: requests by
// route pattern, method and status; their durations as a histogram; the database pool; memory.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { filesSwept } from './applications/index.ts';
import { embeddedRestarts } from './db/embedded.ts';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Loopback and private networks: where a Prometheus server scrapes from. */
export function isInternalAddress(ip: string): boolean {
  const v4 = ip.replace(/^::ffff:/, '');
  return (
    v4 === '::1' ||
    /^127\./.test(v4) ||
    /^10\./.test(v4) ||
    /^192\.168\./.test(v4) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(v4) ||
    /^f[cd][0-9a-f]{2}:/i.test(v4)
  );
}

/** More series from the modules (queue depth, failures), as exposition lines. */
export type MoreMetrics = () => Promise<string[]>;

export function registerMetrics(app: FastifyInstance, pool?: pg.Pool, more?: MoreMetrics): void {
  const requests = new Map<string, number>();
  const durations = new Map<string, Series>();

  app.addHook('onResponse', async (req, reply) => {
    // The route's pattern, not the URL, so that codes and queries do not make new series.
    const route = req.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const seconds = reply.elapsedTime / 1000;
    const key = `method="${req.method}",route="${escape(route)}",status="${reply.statusCode}"`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    const dkey = `method="${req.method}",route="${escape(route)}"`;
    const s = durations.get(dkey) ?? { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
    s.count += 1;
    s.sum += seconds;
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) s.buckets[i]! += 1;
    });
    durations.set(dkey, s);
  });

  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    // Figures about the service are for its operators' network, not for the public internet.
    if (!isInternalAddress(req.ip)) return reply.callNotFound();
    const lines: string[] = [];
    lines.push('# HELP dvctt_http_requests_total HTTP requests answered, by route pattern, method and status.');
    lines.push('# TYPE dvctt_http_requests_total counter');
    for (const [k, v] of requests) lines.push(`dvctt_http_requests_total{${k}} ${v}`);
    lines.push('# HELP dvctt_http_request_duration_seconds Time to answer, by route pattern and method.');
    lines.push('# TYPE dvctt_http_request_duration_seconds histogram');
    for (const [k, s] of durations) {
      BUCKETS.forEach((b, i) => lines.push(`dvctt_http_request_duration_seconds_bucket{${k},le="${b}"} ${s.buckets[i]}`));
      lines.push(`dvctt_http_request_duration_seconds_bucket{${k},le="+Inf"} ${s.count}`);
      lines.push(`dvctt_http_request_duration_seconds_sum{${k}} ${s.sum}`);
      lines.push(`dvctt_http_request_duration_seconds_count{${k}} ${s.count}`);
    }
    if (pool) {
      lines.push('# HELP dvctt_db_pool_connections Database connections of this instance, by state.');
      lines.push('# TYPE dvctt_db_pool_connections gauge');
      lines.push(`dvctt_db_pool_connections{state="total"} ${pool.totalCount}`);
      lines.push(`dvctt_db_pool_connections{state="idle"} ${pool.idleCount}`);
      lines.push(`dvctt_db_pool_connections{state="waiting"} ${pool.waitingCount}`);
    }
    if (more) {
      try {
        lines.push(...(await more()));
      } catch {
        // The database may be away; the process figures below still help.
      }
    }
    lines.push('# HELP dvctt_files_swept_total Stored files no row named, removed by the sweep in this process.');
    lines.push('# TYPE dvctt_files_swept_total counter');
    lines.push(`dvctt_files_swept_total ${filesSwept()}`);
    lines.push('# HELP dvctt_embedded_database_restarts_total Times the embedded PostgreSQL was started again after it stopped unexpectedly.');
    lines.push('# TYPE dvctt_embedded_database_restarts_total counter');
    lines.push(`dvctt_embedded_database_restarts_total ${embeddedRestarts()}`);
    const mem = process.memoryUsage();
    lines.push('# HELP dvctt_process_resident_memory_bytes Resident memory of this instance.');
    lines.push('# TYPE dvctt_process_resident_memory_bytes gauge');
    lines.push(`dvctt_process_resident_memory_bytes ${mem.rss}`);
    lines.push('# HELP dvctt_process_heap_used_bytes V8 heap in use.');
    lines.push('# TYPE dvctt_process_heap_used_bytes gauge');
    lines.push(`dvctt_process_heap_used_bytes ${mem.heapUsed}`);
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(lines.join('\n') + '\n');
  });
}
