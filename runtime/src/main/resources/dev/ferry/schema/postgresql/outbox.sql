-- Ferry outbox table, PostgreSQL. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
CREATE TABLE ${table} (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           VARCHAR(36)   NOT NULL,
    topic        VARCHAR(255)  NOT NULL,
    msg_key      VARCHAR(255),
    msg_type     VARCHAR(255),
    content_type VARCHAR(100)  NOT NULL,
    payload      BYTEA,
    headers      TEXT,
    status       VARCHAR(10)   NOT NULL,
    attempts     INTEGER       NOT NULL DEFAULT 0,
    created_at   TIMESTAMP(6)  NOT NULL,
    available_at TIMESTAMP(6)  NOT NULL,
    delivered_at TIMESTAMP(6),
    last_error   VARCHAR(2000)
) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01);
-- No index on id: messages are looked up by id only when dead (replay, discard), through _dead; one
-- index fewer to maintain on every write. Partial indexes: small, ordered, and chosen by the planner
-- even before the table has statistics.
CREATE INDEX ${table_name}_pending ON ${table} (seq) WHERE status = 'PENDING';
CREATE INDEX ${table_name}_key ON ${table} (msg_key, seq) WHERE status IN ('PENDING', 'DEAD');
CREATE INDEX ${table_name}_dead ON ${table} (seq) WHERE status = 'DEAD';
CREATE INDEX ${table_name}_delivered ON ${table} (seq) WHERE status = 'DELIVERED';
