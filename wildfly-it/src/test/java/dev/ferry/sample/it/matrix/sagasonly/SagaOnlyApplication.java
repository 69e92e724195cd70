package dev.ferry.sample.it.matrix.sagasonly;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** A WAR with sagas and no outbox: no publisher configured, nothing injects {@code Outbox}. */
@ApplicationPath("/")
public class SagaOnlyApplication extends Application {
}
