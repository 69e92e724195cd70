package dev.ferry.sample.it.matrix.soak;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The soak application's REST endpoints, at its context root. */
@ApplicationPath("/")
public class SoakApplication extends Application {
}
