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

describe('secret key and OAuth providers', () => {
  it('accepts a 32-byte key as hex or base64 and refuses anything else', () => {
    const hex = 'ab'.repeat(32);
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ SENDOPS_SECRET_KEY: hex }).secretKey).toBe(hex);
    expect(loadConfig({ SENDOPS_SECRET_KEY: base64 }).secretKey).toBe(base64);
    expect(loadConfig({}).secretKey).toBeUndefined();
    expect(() => loadConfig({ SENDOPS_SECRET_KEY: 'short' })).toThrow(/SENDOPS_SECRET_KEY/);
  });

  it('turns a provider on only when its client id and secret are both set', () => {
    const config = loadConfig({ SENDOPS_GITHUB_CLIENT_ID: 'id', SENDOPS_GITHUB_CLIENT_SECRET: 'secret' });
    expect(config.oauth).toEqual({ github: { clientId: 'id', clientSecret: 'secret' }, google: undefined });
    expect(() => loadConfig({ SENDOPS_GOOGLE_CLIENT_ID: 'id' })).toThrow(
      /SENDOPS_GOOGLE_CLIENT_ID and SENDOPS_GOOGLE_CLIENT_SECRET must be set together/,
    );
  });
});

describe('docs/configuration.md', () => {
  it('documents exactly the variables the code reads (run `npm run docs:config` after changing them)', () => {
    const docs = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
    expect(docs).toBe(renderConfigDocs());
  });
});
