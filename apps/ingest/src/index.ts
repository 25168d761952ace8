export { buildIngestApp } from './build-ingest-app.ts';
export { createIngestService, type IngestService, type IngestServiceOptions } from './ingest-service.ts';
export { createIngestMetrics, type IngestMetrics } from './metrics.ts';
export { type ControlPlane, postgresControlPlane } from './pipeline/control-plane.ts';
