package io.smc.kube.fake;

import static io.smc.kube.fake.RawApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatchesTest {
    private static JsonNode tree(String text) {
        try {
            return RawApi.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    // Cases from RFC 7386, appendix A.
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"a\":\"b\"}             | {\"a\":\"c\"}             | {\"a\":\"c\"}",
        "{\"a\":\"b\"}             | {\"b\":\"c\"}             | {\"a\":\"b\",\"b\":\"c\"}",
        "{\"a\":\"b\"}             | {\"a\":null}              | {}",
        "{\"a\":\"b\",\"b\":\"c\"} | {\"a\":null}              | {\"b\":\"c\"}",
        "{\"a\":[\"b\"]}           | {\"a\":\"c\"}             | {\"a\":\"c\"}",
        "{\"a\":{\"b\":\"c\"}}     | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
        "{\"a\":[{\"b\":\"c\"}]}   | {\"a\":[1]}               | {\"a\":[1]}",
        "[\"a\",\"b\"]             | [\"c\",\"d\"]             | [\"c\",\"d\"]",
        "{\"e\":null}              | {\"a\":1}                 | {\"e\":null,\"a\":1}",
        "{}                        | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}"
    })
    void mergePatchFollowsRfc7386(String target, String patch, String result) {
        assertEquals(tree(result), Patches.merge(tree(target), tree(patch)));
    }

    @Test
    void jsonPatchAddsIntoObjectsAndArraysIncludingTheEnd() throws Patches.PatchFailure {
        JsonNode result = Patches.jsonPatch(json("{\"a\": [1, 3]}"), tree("""
                [{"op": "add", "path": "/a/1", "value": 2}, {"op": "add", "path": "/a/-", "value": 4},
                 {"op": "add", "path": "/b~1c", "value": {"d": true}}]"""));

        assertEquals(json("{\"a\": [1, 2, 3, 4], \"b/c\": {\"d\": true}}"), result);
    }

    @Test
    void jsonPatchRemovesReplacesMovesAndCopies() throws Patches.PatchFailure {
        JsonNode result = Patches.jsonPatch(json("{\"a\": [1, 2], \"b\": 1, \"c\": {\"d\": 1}}"), tree("""
                [{"op": "remove", "path": "/a/0"}, {"op": "replace", "path": "/b", "value": 2},
                 {"op": "move", "from": "/c/d", "path": "/e"}, {"op": "copy", "from": "/e", "path": "/f"}]"""));

        assertEquals(json("{\"a\": [2], \"b\": 2, \"c\": {}, \"e\": 1, \"f\": 1}"), result);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "[{\"op\": \"test\", \"path\": \"/a\", \"value\": 2}]",
        "[{\"op\": \"replace\", \"path\": \"/missing\", \"value\": 2}]",
        "[{\"op\": \"remove\", \"path\": \"/missing\"}]",
        "[{\"op\": \"add\", \"path\": \"/x/y\", \"value\": 2}]",
        "[{\"op\": \"add\", \"path\": \"/list/5\", \"value\": 2}]",
        "[{\"op\": \"add\", \"path\": \"/a\"}]",
        "[{\"op\": \"frobnicate\", \"path\": \"/a\"}]",
        "{\"op\": \"add\", \"path\": \"/a\", \"value\": 1}"
    })
    void jsonPatchRefusesOperationsThatCannotApply(String patch) {
        assertThrows(Patches.PatchFailure.class, () -> Patches.jsonPatch(json("{\"a\": 1, \"list\": []}"),
                tree(patch)));
    }

    @Test
    void jsonPatchLeavesTheTargetUntouched() throws Patches.PatchFailure {
        JsonNode target = json("{\"a\": 1}");

        Patches.jsonPatch(target, tree("[{\"op\": \"replace\", \"path\": \"/a\", \"value\": 2}]"));

        assertEquals(json("{\"a\": 1}"), target);
    }
}
