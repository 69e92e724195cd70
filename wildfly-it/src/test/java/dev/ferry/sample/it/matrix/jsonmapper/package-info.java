/**
 * The WAR of the application-mapper check: a {@code @FerryJson ObjectMapper} in snake case that Ferry uses for
 * payloads and saga data, while the application's REST JSON stays the server's JSON-B.
 */
package dev.ferry.sample.it.matrix.jsonmapper;
