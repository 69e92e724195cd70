/**
 * Ferry's operator console: {@link dev.ferry.console.ConsoleApplication}, a Jakarta REST application
 * at {@code /ferry} with a JSON API under {@code /ferry/api} and a single-page UI at {@code /ferry/}.
 * Adding the jar to a WAR is all it takes; securing it is the application's web.xml (see README,
 * "Operator console"). The classes of the subpackages are the console's implementation, not an API.
 */
package dev.ferry.console;
