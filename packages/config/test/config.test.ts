import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, renderConfigDocs } from '../src/index.ts';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig({});
    expect(config.ports).toEqual({ web: 3000, api: 4000, ingest: 4100 });
    expect(config.dataDir).toBe(path.resolve('.sendops'));
    expect(config.postgres.url).toBeUndefined();
    expect(config.clickhouse.url).toBeUndefined();
    expect(config.ingest.bodyLimitBytes).toBeGreaterThanOrEqual(1_048_576);
    expect(config.publicIngestUrl).toBe('http://127.0.0.1:4100/ingest/eventbridge');
  });

  it('reports every invalid variable at once', () => {
    const attempt = () =>
      loadConfig({
        SENDOPS_API_PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        SENDOPS_INGEST_BODY_LIMIT_BYTES: '10',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const issues = (error as ConfigError).issues.join('\n');
      expect(issues).toContain('SENDOPS_API_PORT');
      expect(issues).toContain('DATABASE_URL');
      expect(issues).toContain('SENDOPS_INGEST_BODY_LIMIT_BYTES');
    }
  });

  it('treats empty strings as unset and honours overrides', () => {
    const config = loadConfig(
      { DATABASE_URL: '', SENDOPS_INGEST_FSYNC: 'false' },
      { SENDOPS_DATA_DIR: '/tmp/x' },
    );
    expect(config.postgres.url).toBeUndefined();
    expect(config.ingest.fsync).toBe(false);
    expect(config.dataDir).toBe('/tmp/x');
  });
});

describe('docs/configuration.md', () => {
  it('documents exactly the variables the code reads (run `npm run docs:config` after changing them)', () => {
    const docs = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
    expect(docs).toBe(renderConfigDocs());
  });
});
