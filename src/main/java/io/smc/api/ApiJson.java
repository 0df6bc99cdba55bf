package io.smc.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;

/** The Jackson mapper for API objects: durations as Go-style strings, absent fields left out, unknown fields refused. */
public final class ApiJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("smc-api")
                    .addSerializer(Duration.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Duration value, JsonGenerator out, SerializerProvider provider)
                                throws IOException {
                            out.writeString(Durations.format(value));
                        }
                    })
                    .addDeserializer(Duration.class, new JsonDeserializer<>() {
                        @Override
                        public Duration deserialize(JsonParser in, DeserializationContext context) throws IOException {
                            try {
                                return Durations.parse(in.getValueAsString());
                            } catch (IllegalArgumentException e) {
                                return (Duration) context.handleWeirdStringValue(Duration.class,
                                        in.getValueAsString(), e.getMessage());
                            }
                        }
                    }))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private ApiJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
