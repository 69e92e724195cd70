-- Ferry inbox table (idempotent receiving), SQL Server 2017+. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
-- One row per message id received by a consumer; rows older than the retention are purged.
CREATE TABLE ${table} (
    seq          BIGINT IDENTITY(1,1) PRIMARY KEY,
    consumer     NVARCHAR(100)  NOT NULL,
    message_id   NVARCHAR(255)  NOT NULL,
    received_at  DATETIME2(6)   NOT NULL
);
CREATE UNIQUE INDEX ${table_name}_msg ON ${table} (consumer, message_id);
CREATE INDEX ${table_name}_received ON ${table} (received_at);
