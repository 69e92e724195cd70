-- Ferry inbox table (idempotent receiving), PostgreSQL. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
-- One row per message id received by a consumer; rows older than the retention are purged.
CREATE TABLE ${table} (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consumer     VARCHAR(100)  NOT NULL,
    message_id   VARCHAR(255)  NOT NULL,
    received_at  TIMESTAMP(6)  NOT NULL
);
CREATE UNIQUE INDEX ${table_name}_msg ON ${table} (consumer, message_id);
CREATE INDEX ${table_name}_received ON ${table} (received_at);
