package io.smc.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PropertiesFileTest {
    private static final String FILE = "apps/svc/profiles/dev/application.properties";

    private static List<PropertiesFile.Property> parse(String content) throws SecretFileException {
        return PropertiesFile.parse(FILE, content.getBytes(UTF_8));
    }

    /** key → "line:value", to compare whole results at once. */
    private static Map<String, String> linesAndValues(String content) throws SecretFileException {
        Map<String, String> result = new LinkedHashMap<>();
        parse(content).forEach(p -> result.put(p.key(), p.origin().line() + ":" + p.value()));
        return result;
    }

    @Test
    void givesEveryPropertySortedByKeyWithTheLineItStartsOn() throws Exception {
        String content = """
                server.port=8080
                # a comment
                ! another comment

                Alpha = first
                spring.datasource.url: jdbc:postgresql://db:5432/app
                """;

        assertEquals(List.of("Alpha", "server.port", "spring.datasource.url"),
                parse(content).stream().map(PropertiesFile.Property::key).toList());
        assertEquals(Map.of("Alpha", "5:first", "server.port", "1:8080",
                "spring.datasource.url", "6:jdbc:postgresql://db:5432/app"), linesAndValues(content));
        assertEquals(new Origin(FILE, 6), parse(content).get(2).origin());
    }

    @Test
    void continuedPropertyStartsOnItsFirstLineAndTheNextOneIsCountedRight() throws Exception {
        assertEquals(Map.of("hosts", "1:one,two,three", "next", "4:x"),
                linesAndValues("hosts=one,\\\n    two,\\\n\tthree\nnext=x\n"));
    }

    @Test
    void evenBackslashesBeforeTheBreakDoNotContinueTheLine() throws Exception {
        assertEquals(Map.of("path", "1:C:\\", "next", "2:x"), linesAndValues("path=C:\\\\\nnext=x\n"));
    }

    @Test
    void commentEndingInABackslashIsNotContinued() throws Exception {
        assertEquals(Map.of("k", "2:v"), linesAndValues("# a comment \\\nk=v\n"));
    }

    @Test
    void blankLineEndsAContinuation() throws Exception {
        assertEquals(Map.of("a", "1:x", "b", "3:y"), linesAndValues("a=x\\\n\nb=y\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\r", "\n"})
    void countsEveryKindOfLineBreak(String br) throws Exception {
        assertEquals(Map.of("a", "1:1", "b", "3:2", "c", "4:3-4"),
                linesAndValues("a=1" + br + br + "b=2" + br + "c=3-\\" + br + " 4" + br));
    }

    @Test
    void keyWrittenTwiceKeepsItsLastValueAndLine() throws Exception {
        assertEquals(Map.of("k", "3:second"), linesAndValues("k=first\nother=x\nk=second\n").entrySet().stream()
                .filter(e -> e.getKey().equals("k")).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Test
    void decodesEscapesAndReadsUtf8() throws Exception {
        assertEquals(Map.of("café", "1:naïve ✓", "grüße", "2:ü 日本 😀", "tab", "3:a\tb", "key with=sign", "4:v"),
                linesAndValues("caf\\u00e9=na\\u00EFve \\u2713\ngrüße=ü 日本 😀\ntab=a\\tb\nkey\\ with\\=sign=v\n"));
    }

    @Test
    void printsNoValue() throws Exception {
        String printed = parse("password=hunter2-secret\n").toString()
                + PropertiesLines.split("password=hunter2-secret");

        assertFalse(printed.contains("hunter2"), printed);
        assertTrue(printed.contains("password"), printed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "# comment\n! also a comment\n", "   \n# k=v\n"})
    void fileWithoutPropertiesGivesNone(String content) throws Exception {
        assertEquals(List.of(), parse(content));
    }

    @Test
    void malformedEscapeNamesItsLine() {
        SecretFileException e = assertThrows(SecretFileException.class, () -> parse("a=1\n\nb=\\u00zz\n"));

        assertEquals(new Origin(FILE, 3), e.origin());
        assertEquals("malformed properties: bad \\uXXXX escape", e.reason());
    }

    @Test
    void keepsHalfOfASurrogatePairAsPropertiesDoes() throws Exception {
        assertEquals(Map.of("k", "1:x\uD800y"), linesAndValues("k=x\\uD800y\n"));
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] content = {'k', '=', (byte) 0xc3, '\n'};

        SecretFileException e = assertThrows(SecretFileException.class, () -> PropertiesFile.parse(FILE, content));

        assertEquals(Origin.of(FILE), e.origin());
        assertEquals("is not valid UTF-8", e.reason());
    }

    /**
     * The splitter must agree with {@link Properties} on every text: loading each logical line alone gives the
     * properties of the whole file. Random texts over the characters the rules turn on find the corners.
     */
    @Test
    void logicalLinesLoadedOneByOneGiveWhatTheWholeTextGives() throws Exception {
        char[] alphabet = {'a', 'b', '=', ':', ' ', '\t', '\f', '\\', '\\', '\n', '\n', '\r', '#', '!', 'u', '0'};
        Random random = new Random(20240229L);
        int compared = 0;
        for (int round = 0; round < 20_000; round++) {
            char[] text = new char[random.nextInt(40)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String content = new String(text);
            Map<String, String> whole = load(content);
            if (whole == null) {
                continue; // a malformed \\uXXXX escape: nothing to compare
            }
            Map<String, String> lineByLine = new HashMap<>();
            for (PropertiesLines.LogicalLine line : PropertiesLines.split(content)) {
                lineByLine.putAll(load(line.text()));
            }
            assertEquals(whole, lineByLine, () -> "text " + content.chars().mapToObj(Integer::toString).toList());
            compared++;
        }
        assertTrue(compared > 10_000, "most random texts were compared: " + compared);
    }

    private static Map<String, String> load(String text) throws Exception {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IllegalArgumentException e) {
            return null;
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
        return map;
    }
}
