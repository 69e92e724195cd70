/** The console's dead messages: by topic and key, with payload and headers; replay or discard, audited. */
package dev.ferry.console.outbox;
