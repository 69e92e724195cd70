package dev.ferry.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.runtime.testing.ClassPathWithout;
import java.net.URLClassLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An application's own mapper ({@code JsonCodec.jackson(mapper)}, and the {@code @FerryJson} bean in a server)
 * needs only jackson-databind: without jackson-datatype-jsr310 and -jdk8 on the class path the codec still
 * works (Payara Server failed deployment with {@code NoClassDefFoundError: JavaTimeModule} before).
 */
class ApplicationMapperTest {

    @Test
    void theApplicationsMapperNeedsOnlyJacksonDatabind() throws Exception {
        try (URLClassLoader withoutModules = ClassPathWithout.loader("jackson-datatype-jsr310",
                "jackson-datatype-jdk8")) {
            Class<?> mapperType = withoutModules.loadClass("com.fasterxml.jackson.databind.ObjectMapper");
            Object mapper = mapperType.getConstructor().newInstance();
            Class<?> codecType = withoutModules.loadClass(JsonCodec.class.getName());
            Object codec = codecType.getMethod("jackson", mapperType).invoke(null, mapper);
            assertEquals("{\"a\":1}", codecType.getMethod("toText", Object.class).invoke(codec, Map.of("a", 1)));
            Object back = codecType.getMethod("fromText", String.class, Class.class).invoke(codec, "{\"a\":2}",
                    Map.class);
            assertEquals(Map.of("a", 2), back);
        }
    }
}
