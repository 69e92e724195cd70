package dev.ferry.runtime.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.json.FerryJson;
import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.json.JsonCodec;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.bind.Jsonb;
import java.lang.System.Logger.Level;

/**
 * Chooses Ferry's JSON in a server: the application's {@link FerryJson @FerryJson} {@code ObjectMapper}
 * or {@code Jsonb} bean when it declares one, else the binding {@code ferry.json} names.
 */
final class ContainerJson {

    private static final System.Logger LOG = System.getLogger(ContainerJson.class.getName());
    private static final String OBJECT_MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";

    private ContainerJson() {
    }

    /**
     * @param config the configuration, read when the application declares no mapper
     * @return the codec
     * @throws IllegalStateException if the application declares more than one {@code @FerryJson} mapper
     */
    static JsonCodec choose(FerryConfig config) {
        Instance<ObjectMapper> mappers = jacksonPresent() ? declared(ObjectMapper.class) : null;
        Instance<Jsonb> jsonbs = declared(Jsonb.class);
        if (mappers != null && jsonbs != null) {
            throw new IllegalStateException("The application declares both a @FerryJson ObjectMapper and a"
                    + " @FerryJson Jsonb bean: Ferry needs one");
        }
        if (mappers == null && jsonbs == null) {
            return ContainerResources.jsonMode(config) == ContainerResources.JsonMode.JACKSON
                    ? JsonCodec.jackson() : JsonCodec.jsonb();
        }
        if (config.string("ferry.json").isPresent()) {
            String type = mappers != null ? "ObjectMapper" : "Jsonb";
            LOG.log(Level.INFO, "Ferry uses the application's @FerryJson " + type + "; ferry.json is ignored");
        }
        return mappers != null ? JsonCodec.jackson(mappers.get()) : JsonCodec.jsonb(jsonbs.get());
    }

    /**
     * @return the application's {@code @FerryJson} beans of the type, or null when it declares none (or
     *     there is no CDI container)
     * @throws IllegalStateException if it declares more than one
     */
    private static <T> Instance<T> declared(Class<T> type) {
        Instance<T> beans = select(type);
        if (beans == null || beans.isUnsatisfied()) {
            return null;
        }
        if (beans.isAmbiguous()) {
            throw new IllegalStateException("The application declares more than one @FerryJson "
                    + type.getSimpleName() + " bean: Ferry needs one");
        }
        return beans;
    }

    private static <T> Instance<T> select(Class<T> type) {
        CDI<Object> cdi;
        try {
            cdi = CDI.current();
        } catch (IllegalStateException e) {
            return null; // no CDI container (Java SE): the configuration decides
        }
        return cdi.select(type, FerryJson.Literal.INSTANCE);
    }

    private static boolean jacksonPresent() {
        try {
            Class.forName(OBJECT_MAPPER, false, ContainerJson.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
