-- Addresses operators cleared on the Undeliverable list (Allow), mirrored from Postgres
-- (undeliverable_exclusions, the source of truth) so list queries join them inside ClickHouse instead of
-- shipping every exclusion with every query. @sendops/classification keeps it in step by revision: one
-- row per (organization, address), the highest revision wins; active = 0 once re-listed.
CREATE TABLE IF NOT EXISTS {{db}}.undeliverable_exclusions {{on_cluster}}
(
    organization_id UUID,
    address String,
    cleared_at DateTime64(3, 'UTC'),
    note String,
    actor_name String,
    active UInt8,
    revision UInt64
)
ENGINE = {{engine:ReplacingMergeTree(revision)}}
ORDER BY (organization_id, address);
