package io.smc.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SchemaDefaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {'type':'object','properties':{
              'interval':{'type':'string','default':'1m'},
              'flag':{'type':'boolean','default':true},
              'nested':{'type':'object','properties':{'kind':{'type':'string','default':'Git'}}},
              'list':{'type':'array','items':{'type':'object','properties':{'n':{'type':'integer','default':3}}}},
              'map':{'type':'object','additionalProperties':{'type':'object','properties':{'v':{'type':'string','default':'x'}}}}}}
            """;

    private static JsonNode applied(String instance) throws Exception {
        JsonNode value = JSON.readTree(instance.replace('\'', '"'));
        SchemaDefaults.apply(value, JSON.readTree(SCHEMA.replace('\'', '"')));
        return value;
    }

    @Test
    void fillsMissingAndNullFieldsButKeepsGivenOnes() throws Exception {
        assertEquals(JSON.readTree("{\"interval\":\"5m\",\"flag\":true}"), applied("{'interval':'5m','flag':null}"));
    }

    @Test
    void defaultsInsidePresentObjectsListsAndMapsOnly() throws Exception {
        assertEquals(JSON.readTree("{\"interval\":\"1m\",\"flag\":true,\"nested\":{\"kind\":\"Git\"},"
                        + "\"list\":[{\"n\":3},{\"n\":1}],\"map\":{\"a\":{\"v\":\"x\"}}}"),
                applied("{'nested':{},'list':[{},{'n':1}],'map':{'a':{}}}"));
        assertEquals(JSON.readTree("{\"interval\":\"1m\",\"flag\":true}"), applied("{}"), "absent objects stay absent");
    }
}
