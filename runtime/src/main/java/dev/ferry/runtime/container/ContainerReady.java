package dev.ferry.runtime.container;

/**
 * A CDI event fired once when the application's EJB container is ready to serve calls, which is
 * when Ferry's engines start in a server: Payara Server refuses calls to a session bean while the
 * application's CDI context is still being initialized, and Ferry's own transactions run through
 * {@link ContainerTransactionBean}.
 */
public final class ContainerReady {

    ContainerReady() {
    }
}
