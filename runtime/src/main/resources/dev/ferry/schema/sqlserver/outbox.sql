-- Ferry outbox table, SQL Server 2017+. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
CREATE TABLE ${table} (
    seq          BIGINT IDENTITY(1,1) PRIMARY KEY,
    id           VARCHAR(36)    NOT NULL,
    topic        NVARCHAR(255)  NOT NULL,
    msg_key      NVARCHAR(255),
    msg_type     NVARCHAR(255),
    content_type VARCHAR(100)   NOT NULL,
    payload      VARBINARY(MAX),
    headers      NVARCHAR(MAX),
    status       VARCHAR(10)    NOT NULL,
    attempts     INT            NOT NULL DEFAULT 0,
    created_at   DATETIME2(6)   NOT NULL,
    available_at DATETIME2(6)   NOT NULL,
    delivered_at DATETIME2(6),
    last_error   NVARCHAR(2000)
);
CREATE UNIQUE INDEX ${table_name}_id ON ${table} (id);
CREATE INDEX ${table_name}_pending ON ${table} (seq) WHERE status = 'PENDING';
CREATE INDEX ${table_name}_key ON ${table} (msg_key, seq) WHERE status IN ('PENDING', 'DEAD');
CREATE INDEX ${table_name}_status ON ${table} (status, seq);
