package dev.ferry.sample.it.matrix.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The matrix application's REST endpoints, at its context root. */
@ApplicationPath("/")
public class InvoiceApplication extends Application {
}
