import { describe, expect, it } from 'vitest';
import { analyticsMigrations } from '../src/migrations/index.ts';
import { renderMigration } from '../src/render-migration.ts';

const sql = `-- comment
CREATE TABLE IF NOT EXISTS {{db}}.t {{on_cluster}} (a UInt8)
ENGINE = {{engine:ReplacingMergeTree(ver)}} ORDER BY a;
CREATE TABLE {{db}}.u {{on_cluster}} (a UInt8) ENGINE = {{engine:MergeTree()}} ORDER BY a;`;

describe('renderMigration', () => {
  it('renders plain engines and no ON CLUSTER for a single node', () => {
    expect(renderMigration(sql, { database: 'x', cluster: undefined })).toEqual([
      'CREATE TABLE IF NOT EXISTS x.t  (a UInt8)\nENGINE = ReplacingMergeTree(ver) ORDER BY a',
      'CREATE TABLE x.u  (a UInt8) ENGINE = MergeTree() ORDER BY a',
    ]);
  });

  it('renders Replicated engines with ON CLUSTER from the same template', () => {
    const [first, second] = renderMigration(sql, { database: 'x', cluster: 'sendops' });
    expect(first).toContain("x.t ON CLUSTER 'sendops'");
    expect(first).toContain(
      "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', ver)",
    );
    expect(second).toContain(
      "ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')",
    );
  });

  it('leaves no placeholder unrendered in any shipped migration', () => {
    for (const migration of analyticsMigrations) {
      for (const cluster of [undefined, 'c1']) {
        for (const statement of renderMigration(migration.sql, { database: 'db', cluster })) {
          expect(statement).not.toMatch(/\{\{|\}\}/);
        }
      }
    }
  });
});
