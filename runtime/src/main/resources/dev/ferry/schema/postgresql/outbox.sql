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
    lease_owner  VARCHAR(100),
    lease_until  TIMESTAMP(6),
    delivered_at TIMESTAMP(6),
    last_error   VARCHAR(2000)
);
CREATE UNIQUE INDEX ${table_name}_id ON ${table} (id);
CREATE INDEX ${table_name}_key ON ${table} (msg_key, seq);
CREATE INDEX ${table_name}_status ON ${table} (status, seq);
