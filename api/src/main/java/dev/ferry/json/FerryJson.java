package dev.ferry.json;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks the application's JSON mapper that Ferry uses in a Jakarta EE server for message payloads,
 * headers and saga data: a CDI bean of type {@code com.fasterxml.jackson.databind.ObjectMapper} or
 * {@code jakarta.json.bind.Jsonb} with this qualifier, usually a producer method. Ferry uses it as it
 * is and never changes it; the application's own REST JSON is not affected. Give the producer no
 * normal scope: CDI cannot proxy {@code ObjectMapper} (it has final methods).
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class FerryJsonProducer {
 *     @Produces
 *     @FerryJson
 *     ObjectMapper ferryMapper() {
 *         return new ObjectMapper().findAndRegisterModules()
 *                 .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
 *     }
 * }
 * }</pre>
 *
 * <p>Without such a bean, {@code ferry.json} chooses (the server's JSON-B by default). With both an
 * {@code ObjectMapper} and a {@code Jsonb} bean qualified, or two of one type, the deployment fails
 * naming them. In Java SE, give the mapper to the engine builder's {@code json(...)} instead.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({METHOD, FIELD, PARAMETER, TYPE})
public @interface FerryJson {

    /** The qualifier as a value, for {@code Instance.select(...)} and {@code CDI.current().select(...)}. */
    final class Literal extends AnnotationLiteral<FerryJson> implements FerryJson {

        /** The one instance. */
        public static final Literal INSTANCE = new Literal();

        private static final long serialVersionUID = 1L;

        private Literal() {
        }
    }
}
