package dev.ferry.sample.it.matrix.json;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JSON check's only JAX-RS application. */
@ApplicationPath("/")
public class AmountApplication extends Application {
}
