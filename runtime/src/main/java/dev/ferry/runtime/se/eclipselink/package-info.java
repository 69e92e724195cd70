/**
 * Running an EclipseLink JTA persistence unit on Narayana in Java SE, so entities and messages
 * share a transaction.
 *
 * <p><b>API</b>: {@link NarayanaPlatform}, named in {@code eclipselink.target-server}.
 * {@link NarayanaTransactionController} is internal; only EclipseLink calls it.
 */
package dev.ferry.runtime.se.eclipselink;
