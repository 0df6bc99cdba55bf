package io.smc.kube.fake;

import static io.smc.kube.fake.RawApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectionTest {
    private static final ObjectNode OBJECT = json("""
            {"metadata": {"name": "w", "namespace": "apps", "labels": {"app": "web", "shard": "2"}}}""");

    @ParameterizedTest(name = "''{0}'' selects: {1}")
    @CsvSource(delimiter = '|', value = {
        "app=web            | true",
        "app==web           | true",
        "app=db             | false",
        "app!=db            | true",
        "tier!=db           | true",
        "app!=web           | false",
        "shard              | true",
        "tier               | false",
        "!tier              | true",
        "!shard             | false",
        "app=web,shard=2    | true",
        "app=web, shard=3   | false",
        "''                 | true"
    })
    void selectsByEqualityAndExistenceOfLabels(String selector, boolean selected) throws StatusError {
        assertEquals(selected, Selection.parse(null, selector, null).matches(OBJECT));
    }

    @ParameterizedTest(name = "''{0}'' selects: {1}")
    @CsvSource(delimiter = '|', value = {
        "metadata.name=w           | true",
        "metadata.name!=w          | false",
        "metadata.namespace==apps  | true",
        "metadata.namespace=other  | false",
        "spec.size=large           | false",
        "metadata.name=w,spec.size!=large | true"
    })
    void selectsByDottedFieldPaths(String selector, boolean selected) throws StatusError {
        assertEquals(selected, Selection.parse(null, null, selector).matches(OBJECT));
    }

    @Test
    void selectsByNamespace() throws StatusError {
        assertEquals(true, Selection.parse("apps", null, null).matches(OBJECT));
        assertEquals(false, Selection.parse("other", null, null).matches(OBJECT));
    }

    @Test
    void refusesWhatItDoesNotModelRatherThanMisreadingIt() {
        assertThrows(StatusError.class, () -> Selection.parse(null, "app in (web,db)", null));
        assertThrows(StatusError.class, () -> Selection.parse(null, "app notin (db)", null));
        assertThrows(StatusError.class, () -> Selection.parse(null, null, "spec.sizes[0]=large"));
    }
}
