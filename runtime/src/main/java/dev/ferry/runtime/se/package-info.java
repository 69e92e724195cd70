/**
 * Ferry in Java SE: {@link JavaSeEnvironment} brings Narayana, an XA connection pool and the
 * pool the relay and workers use.
 *
 * <p><b>API</b>: {@link JavaSeEnvironment} and its builder. The other classes are package-private.
 */
package dev.ferry.runtime.se;
