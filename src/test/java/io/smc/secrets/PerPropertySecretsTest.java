package io.smc.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PerPropertySecretsTest {
    private static final String FILE = "apps/svc/profiles/dev/application.properties";

    private static List<SecretEntry> parse(String content) throws SecretFileException {
        return PerPropertySecrets.parse(FILE, content.getBytes(UTF_8));
    }

    @Test
    void givesOneEntryPerPropertySortedByKeyWithItsLine() throws Exception {
        List<SecretEntry> entries = parse("spring.datasource.url=jdbc:postgresql://db/app\n# note\nb.port: 8080\n");

        assertEquals(List.of("b.port", "spring.datasource.url"), entries.stream().map(SecretEntry::key).toList());
        assertArrayEquals("8080".getBytes(UTF_8), entries.get(0).value().bytes());
        assertArrayEquals("jdbc:postgresql://db/app".getBytes(UTF_8), entries.get(1).value().bytes());
        assertEquals(new Origin(FILE, 3), entries.get(0).origin());
        assertEquals(new Origin(FILE, 1), entries.get(1).origin());
        assertFalse(entries.get(0).disabled() || entries.get(1).disabled(), "properties have no disabled entries");
    }

    @Test
    void valueIsTheUnescapedTextAsUtf8() throws Exception {
        List<SecretEntry> entries = parse("caf\\u00e9=na\\u00EFve \\u2713\ngrüße=ü 日本 😀\nsmile=\\uD83D\\uDE00\n");

        assertEquals(List.of("café", "grüße", "smile"), entries.stream().map(SecretEntry::key).toList());
        assertArrayEquals("naïve ✓".getBytes(UTF_8), entries.get(0).value().bytes());
        assertArrayEquals("ü 日本 😀".getBytes(UTF_8), entries.get(1).value().bytes());
        assertArrayEquals("😀".getBytes(UTF_8), entries.get(2).value().bytes());
    }

    @Test
    void emptyValueIsKeptForTheNamingStepToReport() throws Exception {
        assertTrue(parse("empty=\n").get(0).value().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "# only a comment\n! and another\n", "\n  \n"})
    void fileWithoutPropertiesGivesNoEntry(String content) throws Exception {
        assertEquals(List.of(), parse(content));
    }

    @ParameterizedTest
    @ValueSource(strings = {"k=x\\uD800y\n", "k=\\uDC00\n", "k=\\uDE00\\uD83D\n"})
    void refusesValueWithHalfOfASurrogatePairInsteadOfPublishingAQuestionMark(String content) {
        SecretFileException e = assertThrows(SecretFileException.class, () -> parse("ok=1\n" + content));

        assertEquals(new Origin(FILE, 2), e.origin());
        assertTrue(e.reason().contains("key 'k'") && e.reason().contains("half of a surrogate pair"), e.reason());
    }
}
