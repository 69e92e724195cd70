/**
 * Creating Ferry's tables from the DDL scripts shipped under {@code dev/ferry/schema/}.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 * Use {@code createTables(true)} on an engine builder, or copy the scripts into your migrations.
 */
package dev.ferry.runtime.schema;
