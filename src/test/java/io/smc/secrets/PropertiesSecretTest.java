package io.smc.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PropertiesSecretTest {
    private static final String FILE = "apps/svc/profiles/dev/application.properties";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesJsonObjectWithSortedKeys() throws Exception {
        SecretEntry entry = parse("b=2\nc=3\na=1\n");

        assertEquals("{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}", json(entry));
        Map<String, String> parsed = JSON.readValue(entry.value().bytes(),
                new TypeReference<LinkedHashMap<String, String>>() { });
        assertEquals(List.of("a", "b", "c"), List.copyOf(parsed.keySet()));
        assertEquals(Map.of("a", "1", "b", "2", "c", "3"), parsed);
    }

    @Test
    void givesSameBytesWhateverTheOrderOfProperties() throws Exception {
        SecretEntry first = parse("server.port=8080\ndb.url=jdbc:x\nAlpha=1\n");
        SecretEntry second = parse("Alpha=1\n# moved\ndb.url = jdbc:x\nserver.port: 8080\n");

        assertArrayEquals(first.value().bytes(), second.value().bytes());
        assertEquals(first.value().sha256(), second.value().sha256());
    }

    @Test
    void readsColonAndBlankSeparators() throws Exception {
        assertEquals("{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"x=y:z\"}", json(parse("a:1\nb 2\nc = 3\nd=x=y:z\n")));
    }

    @Test
    void joinsContinuationLines() throws Exception {
        assertEquals("{\"hosts\":\"one,two,three\"}", json(parse("hosts=one,\\\n    two,\\\n\tthree\n")));
    }

    @Test
    void decodesUnicodeEscapes() throws Exception {
        assertEquals("{\"caf\u00e9\":\"na\u00efve \u2713\"}", json(parse("caf\\u00e9=na\\u00EFve \\u2713\n")));
    }

    @Test
    void readsUtf8Text() throws Exception {
        SecretEntry entry = parse("grüße=ü ✓ 日本\n");

        assertArrayEquals("{\"grüße\":\"ü ✓ 日本\"}".getBytes(UTF_8), entry.value().bytes());
    }

    @Test
    void keepsCharactersOutsideTheBasicPlane() throws Exception {
        SecretEntry entry = parse("emoji=x😀y\n");

        assertEquals(Map.of("emoji", "x😀y"),
                JSON.readValue(entry.value().bytes(), new TypeReference<Map<String, String>>() { }));
    }

    @Test
    void escapesJsonSpecialCharactersInValues() throws Exception {
        assertEquals("{\"k\":\"say \\\"hi\\\" \\\\ done\"}", json(parse("k=say \"hi\" \\\\ done\n")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "# comment\n! also a comment\n", "   \n# k=v\n"})
    void givesNoSecretForFileWithoutProperties(String content) throws Exception {
        assertNull(parse(content));
    }

    @ParameterizedTest
    @ValueSource(strings = {"k=\\u12", "k=\\u00zz\n", "\\uXYZW=v\n"})
    void refusesMalformedUnicodeEscapeNamingItsLine(String content) {
        SecretFileException e = assertThrows(SecretFileException.class, () -> parse(content));

        assertEquals(new Origin(FILE, 1), e.origin());
        assertTrue(e.reason().contains("\\uXXXX"), e.reason());
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] content = {'k', '=', (byte) 0xff, (byte) 0xfe, '\n'};

        SecretFileException e = assertThrows(SecretFileException.class, () -> PropertiesSecret.parse(FILE, content));

        assertEquals(Origin.of(FILE), e.origin());
        assertEquals("is not valid UTF-8", e.reason());
    }

    @Test
    void namesTheEntryPropertiesWithTheWholeFileAsOrigin() throws Exception {
        SecretEntry entry = parse("a=1\n");

        assertEquals("properties", entry.key());
        assertEquals(PropertiesSecret.KEY, entry.key());
        assertEquals(new Origin(FILE, 0), entry.origin());
        assertFalse(entry.disabled());
    }

    private static SecretEntry parse(String content) throws SecretFileException {
        return PropertiesSecret.parse(FILE, content.getBytes(UTF_8));
    }

    private static String json(SecretEntry entry) {
        return new String(entry.value().bytes(), UTF_8);
    }
}
