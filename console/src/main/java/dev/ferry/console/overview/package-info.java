/** The console's overview: the outbox's backlog per topic, sagas by status and name, the last hour's activity. */
package dev.ferry.console.overview;
