package io.smc.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class YamlSecretsParserTest {
    private static final String FILE = "apps/svc/profiles/dev/application.secrets.yaml";

    @Test
    void joinsNestedMappingKeysWithDots() throws Exception {
        Map<String, String> values = values("""
                db:
                  primary:
                    password: p1
                  user: app
                token: t
                """);

        assertEquals(Map.of("db.primary.password", "p1", "db.user", "app", "token", "t"), values);
    }

    @Test
    void namesListItemsByIndex() throws Exception {
        Map<String, String> values = values("""
                hosts:
                  - a
                  - b
                flow: [x, y]
                nested: [[1, 2]]
                """);

        assertEquals(Map.of("hosts[0]", "a", "hosts[1]", "b", "flow[0]", "x", "flow[1]", "y",
                "nested[0][0]", "1", "nested[0][1]", "2"), values);
    }

    @Test
    void joinsMappingsInsideListsAfterTheIndex() throws Exception {
        Map<String, String> values = values("""
                users:
                  - name: a
                    pass: p
                  - name: b
                """);

        assertEquals(Map.of("users[0].name", "a", "users[0].pass", "p", "users[1].name", "b"), values);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "08080            | 08080",
        "42               | 42",
        "-7               | -7",
        "0x1F             | 0x1F",
        "1.50             | 1.50",
        "1e3              | 1e3",
        "true             | true",
        "True             | True",
        "yes              | yes",
        "\"quoted: text\" | quoted: text",
        "'single # kept'  | single # kept",
        "\"null\"         | null",
        "'~'              | ~",
        "\"tab\\there\"   | `tab\there`",
        "\"\"             | ``",
        "plain text here  | plain text here",
    })
    void takesScalarsAsWritten(String scalar, String expected) throws Exception {
        assertEquals(Map.of("k", expected), values("k: " + scalar + "\n"));
    }

    @Test
    void takesBlockScalarsWithTheirLineBreaks() throws Exception {
        assertEquals(Map.of("pem", "line1\nline2\n"), values("pem: |\n  line1\n  line2\n"));
    }

    @Test
    void decodesBinaryScalarToItsBytes() throws Exception {
        SecretEntry entry = single("key: !!binary //4AAQ==\n");

        assertEquals("key", entry.key());
        assertTrue(entry.value().sameContentAs(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "~\n", "null\n", "# only a comment\n", "---\n"})
    void givesNoEntriesForEmptyDocument(String yaml) throws Exception {
        assertEquals(List.of(), parse(yaml));
    }

    @Test
    void givesNoEntriesForEmptyMappingsAndLists() throws Exception {
        assertEquals(List.of(), parse("a: {}\nb: []\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"- a\n- b\n", "just text\n", "42\n", "[a, b]\n"})
    void refusesTopLevelThatIsNotAMapping(String yaml) {
        SecretFileException e = refused(yaml);

        assertEquals(new Origin(FILE, 1), e.origin());
        assertEquals("top level must be a mapping of keys to values", e.reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a: ~                  | a    | 1",
        "a: null               | a    | 1",
        "a:                    | a    | 1",
        "x: 1\\nb:\\n  c: NULL | b.c  | 3",
        "l: [1, ~]             | l[1] | 1",
    })
    void refusesNullValueNamingTheKey(String yaml, String key, int line) {
        SecretFileException e = refused(yaml.replace("\\n", "\n") + "\n");

        assertEquals("key '" + key + "' has no value", e.reason());
        assertEquals(line, e.origin().line());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a: 1\\nb: 2\\na: 3          | a   | 3",
        "db:\\n  u: 1\\n  u: 2       | db.u | 3",
        "a: {x: 1}\\na: {y: 2}       | a   | 2",
        "a.b: 1\\na:\\n  b: 2        | a.b | 3",
        "l[0]: 1\\nl: [2]            | l[0] | 2",
    })
    void refusesKeyDefinedTwice(String yaml, String key, int line) {
        SecretFileException e = refused(yaml.replace("\\n", "\n") + "\n");

        assertEquals("key '" + key + "' is defined twice", e.reason());
        assertEquals(line, e.origin().line());
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] content = {'k', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'};

        SecretFileException e = assertThrows(SecretFileException.class, () -> YamlSecretsParser.parse(FILE, content));

        assertEquals(Origin.of(FILE), e.origin());
        assertTrue(e.reason().contains("not valid UTF-8"), e.reason());
    }

    static Stream<Arguments> malformedYaml() {
        return Stream.of(
                arguments("password: \"s3cr3t-value\nbad: [unclosed\n", 1, 9),
                arguments("password: 's3cr3t-value\n", 1, 9),
                arguments("password: s3cr3t-value\nbad: [unclosed\n", 2, 15),
                arguments("password: {s3cr3t-value\n", 2, 1),
                arguments("password: s3cr3t-value\n  bad: x\n", 2, 6),
                arguments("password: s3cr3t-value: x\n", 1, 23),
                arguments("password: @s3cr3t-value\n", 1, 9),
                arguments("password: s3cr3t-value\n\tbad: 1\n", 1, 23),
                arguments("password: \"s3cr3t\\qvalue\"\n", 1, 9),
                arguments("password: !undefined!tag s3cr3t-value\n", 1, 9),
                arguments("password: {s3cr3t-value: ~\n", 1, 27),
                arguments("password: {s3cr3t: 1, s3cr3t: 2\n", 1, 32),
                arguments("? [s3cr3t-value]\n: v\n", 1, 4));
    }

    @ParameterizedTest
    @MethodSource("malformedYaml")
    void reportsMalformedYamlWithLineAndColumnButWithoutTheText(String yaml, int line, int column) {
        SecretFileException e = refused(yaml);

        assertFalse(e.getMessage().contains("s3cr3t"), "message shows the secret");
        assertTrue(e.getMessage().contains("malformed YAML at line " + line + ", column " + column + ": "),
                e.getMessage());
        assertEquals(line, e.origin().line());
    }

    @Test
    void cutsTheOffendingTokenTheParserQuotes() {
        SecretFileException e = refused("password: !!binary s3cr3t-value\n");

        assertFalse(e.getMessage().contains("s3cr3t"), "message shows the secret");
        assertFalse(e.getMessage().contains("'-'"), "message quotes the secret's text");
        assertTrue(e.getMessage().contains("malformed YAML at line 1, column 32: "), e.getMessage());
    }

    @Test
    void givesEachEntryTheLineOfItsScalar() throws Exception {
        List<SecretEntry> entries = parse("""
                # header

                db:
                  user: app
                  password:
                    secret
                hosts:
                  - a

                  - b
                pem: |
                  line
                """);

        Map<String, Integer> lines = new LinkedHashMap<>();
        entries.forEach(e -> lines.put(e.key(), e.origin().line()));
        assertEquals(Map.of("db.user", 4, "db.password", 6, "hosts[0]", 8, "hosts[1]", 10, "pem", 11), lines);
        entries.forEach(e -> assertEquals(FILE, e.origin().file()));
    }

    @Test
    void readsEveryEntryAsEnabled() throws Exception {
        assertFalse(single("k: v\n").disabled());
    }

    @Test
    void refusesAnAliasInsteadOfPublishingTheAnchorName() {
        SecretFileException e = refused("base: &shared s3cr3t-anchored\ncopy: *shared\n");

        assertEquals(2, e.origin().line());
        assertTrue(e.reason().startsWith("key 'copy' uses an alias"), e.reason());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }

    @Test
    void refusesASecondDocumentInsteadOfIgnoringIt() {
        SecretFileException e = refused("a: 1\n---\nb: 2\n");

        assertEquals(3, e.origin().line());
        assertTrue(e.reason().startsWith("holds more than one YAML document"), e.reason());
    }

    private static List<SecretEntry> parse(String yaml) throws SecretFileException {
        return YamlSecretsParser.parse(FILE, yaml.getBytes(UTF_8));
    }

    private static SecretEntry single(String yaml) throws SecretFileException {
        List<SecretEntry> entries = parse(yaml);
        assertEquals(1, entries.size(), "number of entries");
        return entries.get(0);
    }

    private static Map<String, String> values(String yaml) throws SecretFileException {
        Map<String, String> values = new LinkedHashMap<>();
        parse(yaml).forEach(e -> values.put(e.key(), new String(e.value().bytes(), UTF_8)));
        return values;
    }

    private static SecretFileException refused(String yaml) {
        return assertThrows(SecretFileException.class, () -> parse(yaml));
    }
}
