package io.smc.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {'type':'object','required':['name'],
             'x-kubernetes-validations':[{'rule':'%s','message':'both paths'}],
             'properties':{
               'name':{'type':'string','minLength':2,'maxLength':5,'pattern':'^[a-z]+$'},
               'colour':{'type':'string','enum':['red','green']},
               'count':{'type':'integer','format':'int32','minimum':1,'maximum':10},
               'big':{'type':'integer','format':'int64'},
               'flag':{'type':'boolean'},
               'tags':{'type':'array','minItems':1,'maxItems':2,'items':{'type':'string','pattern':'^t'}},
               'labels':{'type':'object','additionalProperties':{'type':'string'}},
               'free':{'type':'object','x-kubernetes-preserve-unknown-fields':true},
               'metadata':{'type':'object'},
               'basePath':{'type':'string'},
               'kustomizePath':{'type':'string'},
               'inner':{'type':'object','required':['id'],'properties':{'id':{'type':'integer','format':'int64'}}}}}
            """.formatted(CrossFieldRule.KUSTOMIZE_PATH_OR_BASE_PATH.cel());

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static List<Violation> validate(String instance) throws Exception {
        return SchemaValidator.validate(json(instance), json(SCHEMA));
    }

    @Test
    void acceptsAValidInstance() throws Exception {
        assertEquals(List.of(), validate("{'name':'abc','colour':'red','count':3,'big':12345678901,'flag':true,"
                + "'tags':['t1'],'labels':{'a.b/c':'x'},'free':{'any':{'thing':[1]}},'metadata':{'name':'x','uid':'y'},"
                + "'inner':{'id':1},'basePath':'apps'}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'colour':'red'}                      | name              | is required",
        "{'name':null}                         | name              | is required",
        "{'name':'abc','extra':1}              | extra             | unknown field",
        "{'name':'abc','inner':{'id':1,'x':2}} | inner.x           | unknown field",
        "{'name':'abc','inner':{}}             | inner.id          | is required",
        "{'name':'a'}                          | name              | must have at least 2 characters",
        "{'name':'abcdef'}                     | name              | must have at most 5 characters",
        "{'name':'AB'}                         | name              | 'AB' does not match ^[a-z]+$",
        "{'name':5}                            | name              | must be a string, not a number",
        "{'name':'abc','colour':'blue'}        | colour            | 'blue' is not one of [\"red\",\"green\"]",
        "{'name':'abc','count':0}              | count             | must be at least 1",
        "{'name':'abc','count':11}             | count             | must be at most 10",
        "{'name':'abc','count':1.5}            | count             | must be an integer, not a number",
        "{'name':'abc','count':'3'}            | count             | must be an integer, not a string",
        "{'name':'abc','count':3000000000}     | count             | is out of range",
        "{'name':'abc','flag':'true'}          | flag              | must be a boolean, not a string",
        "{'name':'abc','tags':[]}              | tags              | must have at least 1 items",
        "{'name':'abc','tags':['t','t','t']}   | tags              | must have at most 2 items",
        "{'name':'abc','tags':['t','x']}       | tags[1]           | 'x' does not match ^t",
        "{'name':'abc','tags':'t'}             | tags              | must be a list, not a string",
        "{'name':'abc','labels':{'a':1}}       | labels.a          | must be a string, not a number",
        "{'name':'abc','inner':[1]}            | inner             | must be an object, not a list",
        "{'name':'abc','basePath':'a','kustomizePath':'b'} | ''    | both paths"})
    void reportsEachViolationWithItsPath(String instance, String path, String message) throws Exception {
        assertEquals(List.of(new Violation(path.equals("''") ? "" : path, message)), validate(instance));
    }

    @Test
    void reportsEveryViolationNotJustTheFirst() throws Exception {
        assertEquals(3, validate("{'colour':'blue','count':0}").size());
    }

    @Test
    void refusesARuleWithoutAJavaTwin() throws Exception {
        JsonNode schema = json("{'type':'object','x-kubernetes-validations':[{'rule':'self.x > 1'}]}");

        assertThrows(IllegalArgumentException.class, () -> SchemaValidator.validate(json("{}"), schema));
    }
}
