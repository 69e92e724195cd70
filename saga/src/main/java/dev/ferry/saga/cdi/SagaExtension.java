package dev.ferry.saga.cdi;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaDefinitionException;
import dev.ferry.saga.definition.SagaRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the application's {@code @Saga} classes and checks their definitions at deployment: an
 * invalid one fails the deployment with the message naming the class, the method and the problem.
 */
public class SagaExtension implements Extension {

    private final List<Class<?>> sagaClasses = new ArrayList<>();

    <T> void collect(@Observes @WithAnnotations(Saga.class) ProcessAnnotatedType<T> event) {
        Class<T> type = event.getAnnotatedType().getJavaClass();
        if (type.isAnnotationPresent(Saga.class)) {
            sagaClasses.add(type);
        }
    }

    void validate(@Observes AfterDeploymentValidation event) {
        SagaRegistry check = new SagaRegistry();
        for (Class<?> type : sagaClasses) {
            try {
                check.check(type);
            } catch (SagaDefinitionException e) {
                event.addDeploymentProblem(e);
            }
        }
    }

    /** @return the saga classes found in the application */
    public List<Class<?>> sagaClasses() {
        return List.copyOf(sagaClasses);
    }
}
