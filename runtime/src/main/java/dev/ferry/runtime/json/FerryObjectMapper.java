package dev.ferry.runtime.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Ferry's default Jackson configuration: {@code java.time} and {@code Optional} support, ISO-8601
 * dates, unknown properties ignored when reading. Kept apart from {@link JacksonJsonCodec} so that an
 * application giving its own mapper needs only {@code jackson-databind}, not the two modules.
 */
final class FerryObjectMapper {

    private FerryObjectMapper() {
    }

    /** @return a new mapper configured as Ferry's default */
    static ObjectMapper create() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
