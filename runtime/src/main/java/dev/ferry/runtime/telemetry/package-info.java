/**
 * Ferry's traces and metrics, kept apart from OpenTelemetry: {@link dev.ferry.runtime.telemetry.Telemetry}
 * is what the engines call, with an implementation over the OpenTelemetry API when one is given and
 * one that does nothing otherwise. Only {@code OtelTelemetry} names OpenTelemetry's classes, so
 * without {@code opentelemetry-api} on the class path Ferry runs as it would with telemetry off.
 *
 * <p>Not API: the types here serve Ferry's modules and may change without notice.
 */
package dev.ferry.runtime.telemetry;
