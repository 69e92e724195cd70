/**
 * Who may use the console: the roles (configurable), the check of every request against the role its
 * resource method names, and the operator's name recorded in audit entries.
 */
package dev.ferry.console.security;
