/**
 * Turns one migration template into the statements for this deployment, so single-node and clustered
 * ClickHouse share one copy of every migration:
 *   {{db}}                  -> the configured database
 *   {{on_cluster}}          -> `ON CLUSTER 'name'` or nothing
 *   {{engine:X(args)}}      -> `X(args)` or `ReplicatedX('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', args)`
 */
export function renderMigration(
  sql: string,
  target: { database: string; cluster: string | undefined },
): string[] {
  const { database, cluster } = target;
  const rendered = sql
    .replace(/\{\{db\}\}/g, database)
    .replace(/\{\{on_cluster\}\}/g, cluster ? `ON CLUSTER '${cluster}'` : '')
    .replace(/\{\{engine:(\w+)\((.*?)\)\}\}/g, (_match, engine: string, args: string) => {
      if (!cluster) return `${engine}(${args})`;
      const replicated = ["'/clickhouse/tables/{shard}/{database}/{table}'", "'{replica}'"];
      return `Replicated${engine}(${[...replicated, ...(args.trim() ? [args] : [])].join(', ')})`;
    });
  return splitStatements(rendered);
}

/** Splits on `;` at line ends; migration files keep one statement per `;`-terminated block. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((statement) =>
      statement
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter((statement) => statement.length > 0);
}
