/**
 * Reading Ferry's {@code ferry.*} configuration keys and checking setting values.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 * The keys themselves are documented in README.md.
 */
package dev.ferry.runtime.config;
