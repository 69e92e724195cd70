package dev.ferry.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The sample's REST endpoints, at the context root. */
@ApplicationPath("/")
public class SampleApplication extends Application {
}
