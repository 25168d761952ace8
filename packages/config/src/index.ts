export { renderConfigDocs } from './config-docs.ts';
export { ConfigError, loadConfig, type OAuthClientConfig, type SendOpsConfig } from './load-config.ts';
export { type PeriodicJob, type PeriodicJobOptions, startPeriodicJob } from './periodic-job.ts';
export { type VariableName, variables } from './variables.ts';
