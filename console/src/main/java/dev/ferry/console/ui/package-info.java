/** The console's single-page UI: static files from the jar's {@code META-INF/resources/ferry/}. */
package dev.ferry.console.ui;
