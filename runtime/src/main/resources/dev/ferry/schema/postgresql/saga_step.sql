-- Ferry saga step log, PostgreSQL. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
CREATE TABLE ${table} (
    seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    saga_id       VARCHAR(36)   NOT NULL,
    step_name     VARCHAR(200)  NOT NULL,
    outcome       VARCHAR(30)   NOT NULL,
    attempt       INTEGER       NOT NULL,
    recorded_at   TIMESTAMP(6)  NOT NULL,
    error_message VARCHAR(2000),
    actor         VARCHAR(200)
);
CREATE INDEX ${table_name}_saga ON ${table} (saga_id, seq);
