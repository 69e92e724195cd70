-- Ferry saga instances, PostgreSQL. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
CREATE TABLE ${table} (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              VARCHAR(36)   NOT NULL,
    saga_name       VARCHAR(200)  NOT NULL,
    definition_version INTEGER    NOT NULL DEFAULT 1,
    idempotency_key VARCHAR(200),
    status          VARCHAR(20)   NOT NULL,
    current_step    VARCHAR(200),
    attempts        INTEGER       NOT NULL DEFAULT 0,
    saga_data       TEXT,
    row_version     BIGINT        NOT NULL DEFAULT 0,
    deadline_at     TIMESTAMP(6),
    next_run_at     TIMESTAMP(6),
    lease_owner     VARCHAR(100),
    lease_until     TIMESTAMP(6),
    created_at      TIMESTAMP(6)  NOT NULL,
    updated_at      TIMESTAMP(6)  NOT NULL,
    last_error      VARCHAR(2000)
);
CREATE UNIQUE INDEX ${table_name}_id ON ${table} (id);
CREATE UNIQUE INDEX ${table_name}_key ON ${table} (saga_name, idempotency_key);
CREATE INDEX ${table_name}_due ON ${table} (next_run_at);
CREATE INDEX ${table_name}_status ON ${table} (status, seq);
