import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one process. A registry per app instance (no global
 * singleton) so tests can build several apps in one process.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kopru_' });
  const ingested = new Counter({
    name: 'kopru_ingest_records_total',
    help: 'Ingested records by kind and outcome (accepted, duplicate, rejected)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const ingestShed = new Counter({
    name: 'kopru_ingest_shed_total',
    help: 'Ingest requests turned away by load shedding, by reason (in_flight, backlog, memory)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const stageLatency = new Histogram({
    name: 'kopru_stage_latency_seconds',
    help: 'Time from an item entering a stage to leaving it',
    labelNames: ['stage'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const jobsProcessed = new Counter({
    name: 'kopru_jobs_total',
    help: 'Jobs handled by name and outcome',
    labelNames: ['queue', 'outcome'] as const,
    registers: [registry],
  });
  const reconciled = new Counter({
    name: 'kopru_reconciler_requeued_total',
    help: 'Items re-enqueued by the reconciler because their stage had not advanced',
    labelNames: ['stage'] as const,
    registers: [registry],
  });
  const queueDepth = new Gauge({
    name: 'kopru_queue_jobs',
    help: 'Jobs in each queue by state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
  });
  const itemsByStage = new Gauge({
    name: 'kopru_items',
    help: 'Items in the store by pipeline stage',
    labelNames: ['stage'] as const,
    registers: [registry],
  });
  const httpRequests = new Counter({
    name: 'kopru_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  // Periodic tasks (src/queue/scheduler.ts). In service mode each tick runs in one worker
  // process, so aggregate across instances: max() of the timestamp, sum() of the rest.
  const periodicLastRun = new Gauge({
    name: 'kopru_periodic_last_run_timestamp_seconds',
    help: 'When a periodic task last finished a run (with or without error), Unix time',
    labelNames: ['task'] as const,
    registers: [registry],
  });
  const periodicDuration = new Histogram({
    name: 'kopru_periodic_duration_seconds',
    help: 'Duration of periodic task runs',
    labelNames: ['task'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800],
    registers: [registry],
  });
  const periodicFailures = new Counter({
    name: 'kopru_periodic_failures_total',
    help: 'Periodic task runs that threw',
    labelNames: ['task'] as const,
    registers: [registry],
  });
  return {
    registry,
    ingested,
    ingestShed,
    stageLatency,
    jobsProcessed,
    reconciled,
    queueDepth,
    itemsByStage,
    httpRequests,
    periodicLastRun,
    periodicDuration,
    periodicFailures,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
