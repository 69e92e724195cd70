/**
 * Creating Ferry's tables from the versioned migrations shipped under {@code db/ferry/<dialect>/}.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 * Use {@code createTables(true)} on an engine builder, or run the migrations with Flyway or by hand.
 */
package dev.ferry.runtime.schema;
