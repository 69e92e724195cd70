/** The console's sagas: listing with filters and cursor pages, a saga's timeline, and the operator actions. */
package dev.ferry.console.sagas;
