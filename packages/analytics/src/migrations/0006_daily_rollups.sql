-- Exact daily rollups of settled days, written by the compaction (compactSettledPartitions) right after
-- it merges a day into one part: counts per (organization, day, channel, event type) read from
-- ses_events FINAL, so a retried event counts once. Not a materialized view: a view sees every insert,
-- duplicates included. A recomputed day replaces its rows (computed_at is the version).
CREATE TABLE IF NOT EXISTS {{db}}.ses_daily_counts {{on_cluster}}
(
    organization_id UUID,
    day Date,
    channel_id LowCardinality(String),
    event_type LowCardinality(String),
    events UInt64,
    retention_days UInt16,
    computed_at DateTime64(3, 'UTC')
)
ENGINE = {{engine:ReplacingMergeTree(computed_at)}}
PARTITION BY toYYYYMM(day)
ORDER BY (organization_id, day, event_type, channel_id)
TTL toDateTime(day) + toIntervalDay(retention_days);

-- The days ses_daily_counts covers (for every organization at once): a day missing here is read from
-- ses_events, so a report is exact whether or not the compaction has reached a day yet.
CREATE TABLE IF NOT EXISTS {{db}}.ses_rollup_days {{on_cluster}}
(
    day Date,
    computed_at DateTime64(3, 'UTC')
)
ENGINE = {{engine:ReplacingMergeTree(computed_at)}}
ORDER BY day;
