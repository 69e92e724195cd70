/**
 * Ferry's access to JTA: the active transaction, synchronizations, work in a new transaction.
 *
 * <p><b>API</b>: {@link Transactions}, from {@code JavaSeEnvironment.transactions()} or built on a
 * transaction manager and passed to {@code EngineBuilder.transactions}. The rest is internal.
 */
package dev.ferry.runtime.tx;
