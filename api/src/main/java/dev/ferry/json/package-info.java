/** The qualifier of the application's JSON mapper that Ferry uses in a server ({@link dev.ferry.json.FerryJson}). */
package dev.ferry.json;
