/**
 * GET /metrics in Prometheus text format: GraphQL requests by operation, SQL statements (the read
 * replica's included), and the connection pools' gauges. One registry per server, so that tests can run several servers.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Pool } from 'pg';
import type { DatabaseHandle } from './db/client';
import type { RequestFinished } from './logging/request-log';

/** Distinct operation labels per process; past that, new names count as "other". */
const MAX_OPERATIONS = 200;

export function createMetrics(database: DatabaseHandle) {
  // Operation names come from clients: keep the label set small and safe.
  const operations = new Set<string>();
  const operationLabel = (name: string | null | undefined) => {
    if (!name || !/^\w{1,64}$/.test(name)) return 'unnamed';
    if (operations.has(name)) return name;
    if (operations.size >= MAX_OPERATIONS) return 'other';
    operations.add(name);
    return name;
  };
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by operation name and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const requestSeconds = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request durations by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const queries = new Counter({
    name: 'sql_queries_total',
    help: 'SQL statements sent to PostgreSQL, by outcome.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const querySeconds = new Histogram({
    name: 'sql_query_duration_seconds',
    help: 'SQL statement durations.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });
  const poolGauge = (name: string, help: string, pool: Pool) =>
    new Gauge({
      name,
      help,
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        this.set({ state: 'open' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'busy' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  poolGauge('db_pool_connections', 'Connections of the pool: open, idle, busy, and requests waiting for one.', database.pool);
  if (database.replicaPool) {
    poolGauge(
      'db_replica_pool_connections',
      "Connections of the read replica's pool (the reports'): as db_pool_connections.",
      database.replicaPool,
    );
  }

  const stopObserving = database.observeQueries((seconds, failed) => {
    queries.inc({ outcome: failed ? 'error' : 'ok' });
    querySeconds.observe(seconds);
  });

  /**
   * Every request to /graphql, from its log line: refusals before Apollo (415, 413, a bad body) and
   * in building the context (401) count too, as errors.
   */
  const observeRequest: RequestFinished = (log, path, status) => {
    if (path !== '/graphql') return;
    const operation = operationLabel(log.operationName);
    requests.inc({ operation, outcome: status >= 400 || log.errorCodes.length > 0 ? 'error' : 'ok' });
    requestSeconds.observe({ operation }, log.durationMs / 1000);
  };

  return { registry, observeRequest, stop: stopObserving };
}
