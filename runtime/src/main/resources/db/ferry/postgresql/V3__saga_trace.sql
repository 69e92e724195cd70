-- Ferry saga trace contexts (V3), PostgreSQL.
-- Flyway layout: apply with Flyway (location classpath:db/ferry/postgresql) or by hand, in order.
-- Placeholders (Flyway's syntax; set every one, see README "Migrations"):
--   ${schema_prefix}        '' for the connection's default schema, or the schema followed by a dot ('app.')
--   ${outbox_table}         default ferry_outbox
--   ${inbox_table}          default ferry_inbox
--   ${saga_instance_table}  default ferry_saga
--   ${saga_step_table}      default ferry_saga_step
--   ${saga_engine_table}    default ferry_saga_engine
--   ${saga_trace_table}     default ferry_saga_trace: always ${saga_instance_table} followed by _trace
-- Each statement touches one table; createTables(true) runs those of a missing table, in version order.
-- The W3C trace context a saga was started in (written only with OpenTelemetry on): the spans of its steps
-- join that trace. One row per saga, deleted with the saga by the retention purge.
CREATE TABLE ${schema_prefix}${saga_trace_table} (
    saga_id     VARCHAR(36)   NOT NULL PRIMARY KEY,
    traceparent VARCHAR(100)  NOT NULL,
    tracestate  VARCHAR(512)
);
