/**
 * How payloads and saga data become JSON and back, with Jackson or Jakarta JSON Binding.
 *
 * <p><b>API</b>: {@link JsonCodec} and its factories, passed to {@code EngineBuilder.json}.
 * The implementations behind it are package-private.
 */
package dev.ferry.runtime.json;
