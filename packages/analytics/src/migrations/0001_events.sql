-- One row per (SES event, recipient). The ReplacingMergeTree key ends in (event_id, recipient) so an
-- EventBridge retry that slipped past the ingest's in-memory check collapses; queries read with FINAL
-- so counts are exact before merges run. event_time is identical for every copy of one event, so
-- copies always share a partition and FINAL never has to merge across partitions.
CREATE TABLE IF NOT EXISTS {{db}}.ses_events {{on_cluster}}
(
    organization_id UUID,
    event_id String,
    event_type LowCardinality(String),
    event_time DateTime64(3, 'UTC'),
    send_time DateTime64(3, 'UTC'),
    message_id String,
    recipient String,
    recipient_domain LowCardinality(String),
    provider LowCardinality(String),
    source_address LowCardinality(String),
    source_domain LowCardinality(String),
    sending_identity LowCardinality(String),
    aws_account_id LowCardinality(String),
    aws_region LowCardinality(String),
    configuration_set LowCardinality(String),
    channel_id LowCardinality(String),
    template LowCardinality(String),
    subject String CODEC(ZSTD(1)),
    tags Map(String, Array(String)) CODEC(ZSTD(1)),
    bounce_type LowCardinality(String),
    bounce_sub_type LowCardinality(String),
    diagnostic_code String CODEC(ZSTD(1)),
    dsn_status LowCardinality(String),
    dsn_action LowCardinality(String),
    complaint_feedback_type LowCardinality(String),
    complaint_sub_type LowCardinality(String),
    processing_time_ms UInt32,
    smtp_response String CODEC(ZSTD(1)),
    delay_type LowCardinality(String),
    delay_expiration_time String,
    link String CODEC(ZSTD(1)),
    link_tags Map(String, Array(String)) CODEC(ZSTD(1)),
    user_agent String CODEC(ZSTD(1)),
    ip_address String,
    reject_reason LowCardinality(String),
    rendering_error String CODEC(ZSTD(1)),
    rendering_template LowCardinality(String),
    subscription String CODEC(ZSTD(1)),
    raw String CODEC(ZSTD(3)),
    retention_days UInt16 DEFAULT 400,
    ingested_at DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_recipient recipient TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_message_id message_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = {{engine:ReplacingMergeTree()}}
PARTITION BY toYYYYMM(event_time)
ORDER BY (organization_id, toDate(event_time), event_type, event_id, recipient)
TTL toDateTime(event_time) + toIntervalDay(retention_days)
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS {{db}}.ses_account_events {{on_cluster}}
(
    organization_id UUID,
    event_id String,
    detail_type LowCardinality(String),
    event_time DateTime64(3, 'UTC'),
    aws_account_id LowCardinality(String),
    aws_region LowCardinality(String),
    detail String CODEC(ZSTD(3)),
    raw String CODEC(ZSTD(3)),
    ingested_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = {{engine:ReplacingMergeTree()}}
PARTITION BY toYYYYMM(event_time)
ORDER BY (organization_id, event_time, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- Bodies the ingest refused as malformed, kept for inspection for 30 days.
CREATE TABLE IF NOT EXISTS {{db}}.ingest_dead_letters {{on_cluster}}
(
    organization_id UUID,
    received_at DateTime64(3, 'UTC'),
    reason LowCardinality(String),
    error String,
    event_id String,
    body String CODEC(ZSTD(3))
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY toYYYYMM(received_at)
ORDER BY (organization_id, received_at)
TTL toDateTime(received_at) + INTERVAL 30 DAY
SETTINGS non_replicated_deduplication_window = 1000;
