/** The console's audit: every operator action on sagas and on dead messages, who, what, when and why. */
package dev.ferry.console.audit;
