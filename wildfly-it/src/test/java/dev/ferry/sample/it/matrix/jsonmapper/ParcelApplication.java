package dev.ferry.sample.it.matrix.jsonmapper;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The parcel WAR's JAX-RS application. */
@ApplicationPath("/")
public class ParcelApplication extends Application {
}
