-- Ferry saga trace contexts, Oracle 12c+. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
-- The W3C trace context a saga was started in (only with OpenTelemetry on): its steps' spans join that trace.
CREATE TABLE ${table} (
    saga_id     VARCHAR2(36)   NOT NULL PRIMARY KEY,
    traceparent VARCHAR2(100)  NOT NULL,
    tracestate  VARCHAR2(512)
);
