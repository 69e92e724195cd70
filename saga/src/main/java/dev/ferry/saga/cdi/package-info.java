/**
 * Sagas in a Jakarta EE application: finding {@code @Saga} beans at deployment and the bean behind
 * {@code @Inject SagaCoordinator}.
 *
 * <p><b>API</b>: what these beans make injectable and the {@code ferry.saga.*} keys they read.
 * Application code injects, it does not call {@link SagaBeans} or {@link SagaExtension}.
 */
package dev.ferry.saga.cdi;
