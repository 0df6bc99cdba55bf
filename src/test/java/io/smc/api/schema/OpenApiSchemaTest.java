package io.smc.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smc.api.Durations;
import io.smc.api.ObjectMeta;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenApiSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Colour {
        red, @JsonProperty("Green") green, @JsonAlias({"BLUE", "azure"}) blue
    }

    @Description("A record type.")
    record Inner(@Required String name) {
    }

    @Rules(CrossFieldRule.KUSTOMIZE_PATH_OR_BASE_PATH)
    record Everything(
            String text, Boolean flag, boolean primitiveFlag, Integer count, int primitiveCount, Long big,
            long primitiveBig, Duration interval, Colour colour, List<String> names, List<Inner> inners,
            Map<String, String> labels, @PreserveUnknownFields Map<String, Object> anything, ObjectMeta metadata,
            Inner inner, @Description("Field text wins.") Inner described) {
    }

    private static JsonNode property(String name) {
        return OpenApiSchema.of(Everything.class).get("properties").get(name);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "text           | {'type':'string'}",
        "flag           | {'type':'boolean'}",
        "primitiveFlag  | {'type':'boolean'}",
        "count          | {'type':'integer','format':'int32'}",
        "primitiveCount | {'type':'integer','format':'int32'}",
        "big            | {'type':'integer','format':'int64'}",
        "primitiveBig   | {'type':'integer','format':'int64'}",
        "colour         | {'type':'string','enum':['red','Green','blue','BLUE','azure']}",
        "names          | {'type':'array','items':{'type':'string'}}",
        "labels         | {'type':'object','additionalProperties':{'type':'string'}}",
        "anything       | {'type':'object','x-kubernetes-preserve-unknown-fields':true}",
        "metadata       | {'type':'object'}",
        "inner          | {'description':'A record type.','type':'object','properties':{'name':{'type':'string'}},'required':['name']}",
        "described      | {'description':'Field text wins.','type':'object','properties':{'name':{'type':'string'}},'required':['name']}"})
    void mapsEachJavaTypeToItsSchema(String field, String schema) throws Exception {
        assertEquals(json(schema), property(field.trim()));
    }

    @Test
    void durationIsAStringWithTheDurationPattern() {
        assertEquals("string", property("interval").get("type").asText());
        assertEquals(Durations.PATTERN, property("interval").get("pattern").asText());
    }

    @Test
    void listOfRecordsHasRecordItems() {
        assertEquals("object", property("inners").at("/items/type").asText());
        assertEquals("name", property("inners").at("/items/required/0").asText());
    }

    @Test
    void propertiesKeepTheRecordsComponentOrder() {
        List<String> names = List.copyOf(JSON.convertValue(OpenApiSchema.of(Everything.class).get("properties"),
                Map.class).keySet());

        assertEquals(List.of("text", "flag", "primitiveFlag", "count", "primitiveCount", "big", "primitiveBig",
                "interval", "colour", "names", "inners", "labels", "anything", "metadata", "inner", "described"), names);
    }

    @Test
    void rulesBecomeKubernetesValidations() throws Exception {
        JsonNode validations = OpenApiSchema.of(Everything.class).get("x-kubernetes-validations");

        assertEquals(json("[{'rule':'" + CrossFieldRule.KUSTOMIZE_PATH_OR_BASE_PATH.cel().replace("'", "\\u0027")
                + "','message':'" + CrossFieldRule.KUSTOMIZE_PATH_OR_BASE_PATH.message() + "'}]"), validations);
    }

    record Constrained(
            @Default("5m") Duration interval, @Default("true") Boolean flag, @Default("3") Integer count,
            @Default("red") Colour colour, @MinLength(1) @MaxLength(10) @Pattern("^[a-z]+$") String word,
            @MinLength(1) @MaxLength(4) List<String> few, @Min(1) @Max(9) Integer digit) {
    }

    @Test
    void constraintAnnotationsBecomeKeywordsOfTheRightType() throws Exception {
        JsonNode properties = OpenApiSchema.of(Constrained.class).get("properties");

        assertEquals(json("'5m'"), properties.at("/interval/default"));
        assertEquals(json("true"), properties.at("/flag/default"));
        assertEquals(json("3"), properties.at("/count/default"));
        assertEquals(json("'red'"), properties.at("/colour/default"));
        assertEquals(json("{'type':'string','minLength':1,'maxLength':10,'pattern':'^[a-z]+$'}"), properties.get("word"));
        assertEquals(json("{'type':'array','items':{'type':'string'},'minItems':1,'maxItems':4}"), properties.get("few"));
        assertEquals(json("{'type':'integer','format':'int32','minimum':1,'maximum':9}"), properties.get("digit"));
    }

    record BadDefault(@Default("yes") Boolean flag) {
    }

    record Unmappable(Set<String> set) {
    }

    record UntypedMap(Map<String, Object> map) {
    }

    @Test
    void refusesWhatItCannotMap() {
        assertThrows(IllegalArgumentException.class, () -> OpenApiSchema.of(BadDefault.class));
        assertThrows(IllegalArgumentException.class, () -> OpenApiSchema.of(Unmappable.class));
        assertThrows(IllegalArgumentException.class, () -> OpenApiSchema.of(UntypedMap.class));
    }
}
