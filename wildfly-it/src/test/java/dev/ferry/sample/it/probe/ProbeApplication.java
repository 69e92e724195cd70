package dev.ferry.sample.it.probe;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS activation for the probe WAR. */
@ApplicationPath("/")
public class ProbeApplication extends Application {
}
