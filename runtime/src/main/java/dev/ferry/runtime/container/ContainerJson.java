package dev.ferry.runtime.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.json.FerryJson;
import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.json.JsonCodec;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.bind.Jsonb;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

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
        List<String> found = new ArrayList<>();
        JsonCodec codec = null;
        if (jacksonPresent()) {
            Instance<ObjectMapper> mappers = select(ObjectMapper.class);
            if (mappers != null && !mappers.isUnsatisfied()) {
                requireOne(mappers, "ObjectMapper");
                codec = JsonCodec.jackson(mappers.get());
                found.add("ObjectMapper");
            }
        }
        Instance<Jsonb> jsonbs = select(Jsonb.class);
        if (jsonbs != null && !jsonbs.isUnsatisfied()) {
            requireOne(jsonbs, "Jsonb");
            codec = JsonCodec.jsonb(jsonbs.get());
            found.add("Jsonb");
        }
        if (found.size() > 1) {
            throw new IllegalStateException("The application declares both a @FerryJson ObjectMapper and a"
                    + " @FerryJson Jsonb bean: Ferry needs one");
        }
        if (codec == null) {
            return ContainerResources.jsonMode(config) == ContainerResources.JsonMode.JACKSON
                    ? JsonCodec.jackson() : JsonCodec.jsonb();
        }
        if (config.string("ferry.json").isPresent()) {
            LOG.log(Level.INFO, "Ferry uses the application's @FerryJson " + found.get(0) + "; ferry.json is ignored");
        }
        return codec;
    }

    private static void requireOne(Instance<?> beans, String type) {
        if (beans.isAmbiguous()) {
            throw new IllegalStateException("The application declares more than one @FerryJson " + type
                    + " bean: Ferry needs one");
        }
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
