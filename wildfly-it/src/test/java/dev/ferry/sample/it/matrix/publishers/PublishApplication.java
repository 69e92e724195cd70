package dev.ferry.sample.it.matrix.publishers;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The publishers' test WAR: writes messages through the outbox, published by the configured broker. */
@ApplicationPath("/")
public class PublishApplication extends Application {
}
