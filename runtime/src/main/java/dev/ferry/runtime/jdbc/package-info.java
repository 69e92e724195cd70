/**
 * JDBC plumbing for Ferry's own short local transactions: connections, binders, row mappers.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 */
package dev.ferry.runtime.jdbc;
