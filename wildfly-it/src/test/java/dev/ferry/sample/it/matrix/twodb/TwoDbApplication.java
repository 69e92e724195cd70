package dev.ferry.sample.it.matrix.twodb;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The two-databases test WAR's REST root. */
@ApplicationPath("/")
public class TwoDbApplication extends Application {
}
