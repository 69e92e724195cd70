package dev.ferry.sample.it.matrix.jsonmapper;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.ferry.json.FerryJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The application's JSON for Ferry, as README shows it: Jackson in snake case. */
@ApplicationScoped
public class ParcelMapper {

    /** @return the mapper Ferry uses for payloads and saga data (dependent: CDI cannot proxy ObjectMapper) */
    @Produces
    @FerryJson
    ObjectMapper ferryMapper() {
        return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
