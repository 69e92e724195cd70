/**
 * The console's HTTP plumbing: the request filter (roles, the action header), the error mapper (JSON
 * errors, never a stack trace) and request bodies read as JSON. Registered by
 * {@link dev.ferry.console.ConsoleApplication} for the console only.
 */
package dev.ferry.console.http;
