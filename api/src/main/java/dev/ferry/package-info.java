/**
 * Ferry's exception root, {@link dev.ferry.FerryException}.
 *
 * <p>API: application code uses it; compatibility is kept.
 */
package dev.ferry;
