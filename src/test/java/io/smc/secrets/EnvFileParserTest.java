package io.smc.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvFileParserTest {
    private static final String FILE = "apps/svc/profiles/dev/application.secrets.env";

    @Test
    void splitsAtFirstEquals() throws Exception {
        SecretEntry entry = single("TOKEN=a=b==c=");

        assertEquals("TOKEN", entry.key());
        assertValue("a=b==c=", entry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"KEY=value", "  KEY  =  value  ", "\tKEY\t=\tvalue\t", "KEY= value", "KEY =value"})
    void trimsKeyAndValue(String line) throws Exception {
        SecretEntry entry = single(line);

        assertEquals("KEY", entry.key());
        assertValue("value", entry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "   \n\t\n", "# comment\n", "#\n", "# KEY=value\n", "#  KEY=value\n",
        "# export KEY=value\n", "#!/bin/sh\n", "#--flag=1\n", "#note: a=b\n", "  # indented comment\n"})
    void ignoresBlankLinesAndComments(String content) throws Exception {
        assertEquals(List.of(), parse(content));
    }

    static Stream<Arguments> disabledEntries() {
        return Stream.of(
                arguments("#KEY=value", "KEY", "value"),
                arguments("#export KEY=value", "KEY", "value"),
                arguments("#KEY = value", "KEY", "value"),
                arguments("  #db.user-name=app", "db.user-name", "app"),
                arguments("#KEY=\"quoted # value\"", "KEY", "quoted # value"));
    }

    @ParameterizedTest
    @MethodSource("disabledEntries")
    void readsHashDirectlyBeforeKeyAsDisabledEntry(String line, String key, String value) throws Exception {
        SecretEntry entry = single(line);

        assertTrue(entry.disabled());
        assertEquals(key, entry.key());
        assertValue(value, entry);
    }

    @Test
    void readsOrdinaryLinesAsEnabledEntries() throws Exception {
        assertFalse(single("KEY=value").disabled());
    }

    static Stream<Arguments> exportPrefixes() {
        return Stream.of(
                arguments("export KEY=value", "KEY"),
                arguments("export\tKEY=value", "KEY"),
                arguments("export   KEY = value", "KEY"),
                arguments("exportKEY=value", "exportKEY"),
                arguments("export=value", "export"));
    }

    @ParameterizedTest
    @MethodSource("exportPrefixes")
    void dropsExportPrefixFollowedByBlank(String line, String key) throws Exception {
        SecretEntry entry = single(line);

        assertEquals(key, entry.key());
        assertValue("value", entry);
    }

    static Stream<Arguments> doubleQuotedValues() {
        return Stream.of(
                arguments("K=\"line1\\nline2\"", "line1\nline2"),
                arguments("K=\"a\\rb\"", "a\rb"),
                arguments("K=\"a\\tb\"", "a\tb"),
                arguments("K=\"say \\\"hi\\\"\"", "say \"hi\""),
                arguments("K=\"back\\\\slash\"", "back\\slash"),
                arguments("K=\"  padded  \"", "  padded  "),
                arguments("K=\"has # hash\"", "has # hash"),
                arguments("K=\"it's\"", "it's"),
                arguments("K=\"\"", ""));
    }

    @ParameterizedTest
    @MethodSource("doubleQuotedValues")
    void unescapesDoubleQuotedValues(String line, String value) throws Exception {
        assertValue(value, single(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"K=\"a\\qb\"", "K=\"a\\$b\""})
    void keepsUnknownEscapeAsWritten(String line) throws Exception {
        String written = line.substring(3, line.length() - 1);

        assertValue(written, single(line));
    }

    static Stream<Arguments> singleQuotedValues() {
        return Stream.of(
                arguments("K='a\\nb'", "a\\nb"),
                arguments("K='back\\\\slash'", "back\\\\slash"),
                arguments("K='has # hash'", "has # hash"),
                arguments("K='say \"hi\"'", "say \"hi\""),
                arguments("K='  padded  '", "  padded  "),
                arguments("K=''", ""));
    }

    @ParameterizedTest
    @MethodSource("singleQuotedValues")
    void keepsSingleQuotedValuesLiterally(String line, String value) throws Exception {
        assertValue(value, single(line));
    }

    static Stream<Arguments> multiLineValues() {
        return Stream.of(
                arguments("K=\"first\nsecond\nthird\"", "first\nsecond\nthird"),
                arguments("K='first\nsecond\\n\nthird'", "first\nsecond\\n\nthird"),
                arguments("K=\"-----BEGIN KEY-----\n  abc\n-----END KEY-----\" # pem", "-----BEGIN KEY-----\n  abc\n-----END KEY-----"));
    }

    @ParameterizedTest
    @MethodSource("multiLineValues")
    void readsQuotedValuesSpanningLines(String content, String value) throws Exception {
        assertValue(value, single(content));
    }

    @Test
    void keepsLineNumbersAfterMultiLineValue() throws Exception {
        List<SecretEntry> entries = parse("A=\"1\n2\n3\"\nB='x\ny'\n\nC=3\n");

        assertEquals(List.of(1, 4, 7), lines(entries));
    }

    static Stream<Arguments> unquotedValues() {
        return Stream.of(
                arguments("K=pa#ss", "pa#ss"),
                arguments("K=value # not a comment", "value # not a comment"),
                arguments("K=#leading", "#leading"),
                arguments("K=a b  c", "a b  c"),
                arguments("K=it's", "it's"),
                arguments("K=a\"b", "a\"b"),
                arguments("K=", ""),
                arguments("K=   ", ""));
    }

    @ParameterizedTest
    @MethodSource("unquotedValues")
    void takesUnquotedValuesToEndOfLine(String line, String value) throws Exception {
        assertValue(value, single(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"K=\"value\" # comment", "K=\"value\"#comment", "K='value'   # comment", "K=\"value\"   "})
    void allowsCommentAfterClosingQuote(String line) throws Exception {
        assertValue("value", single(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"K=\"value\" extra", "K=\"value\"extra", "K='value' 'more'"})
    void refusesOtherTextAfterClosingQuote(String line) {
        SecretFileException e = refused("A=1\n" + line + "\n");

        assertEquals(new Origin(FILE, 2), e.origin());
        assertTrue(e.reason().contains("after the closing quote"), e.reason());
    }

    @Test
    void refusesTextAfterClosingQuoteNamingTheClosingLine() {
        SecretFileException e = refused("K=\"a\nb\" extra\n");

        assertEquals(2, e.origin().line());
    }

    @Test
    void readsCrlfLineEndings() throws Exception {
        List<SecretEntry> entries = parse("A=1\r\nB=\"two\" \r\n\r\n# comment\r\nC='three'\r\nD=\"x\r\ny\"\r\n");

        assertEquals(List.of("A", "B", "C", "D"), keys(entries));
        assertValue("1", entries.get(0));
        assertValue("two", entries.get(1));
        assertValue("three", entries.get(2));
        assertValue("x\ny", entries.get(3));
        assertEquals(List.of(1, 2, 5, 6), lines(entries));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "'"})
    void refusesUnterminatedQuoteNamingItsLine(String quote) {
        SecretFileException e = refused("A=1\nB=" + quote + "never closed\nC=3\n");

        assertEquals(new Origin(FILE, 2), e.origin());
        assertTrue(e.reason().contains("never closed"), e.reason());
    }

    @Test
    void refusesLineWithoutEqualsNamingFileAndLine() {
        SecretFileException e = refused("A=1\n\nJUST_A_WORD\n");

        assertEquals(new Origin(FILE, 3), e.origin());
        assertEquals(FILE + ":3: expected KEY=value but found no '='", e.getMessage());
    }

    @Test
    void refusesEmptyKey() {
        SecretFileException e = refused("A=1\n  =value\n");

        assertEquals(2, e.origin().line());
        assertTrue(e.reason().contains("empty key"), e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MY KEY=value", "MY\tKEY=value", "export MY KEY=value"})
    void refusesKeyWithWhitespace(String line) {
        SecretFileException e = refused(line);

        assertEquals(1, e.origin().line());
        assertTrue(e.reason().contains("whitespace"), e.reason());
    }

    @Test
    void refusesKeyDefinedTwiceNamingBothLines() {
        SecretFileException e = refused("A=1\nB=2\nA=3\n");

        assertEquals(new Origin(FILE, 3), e.origin());
        assertTrue(e.reason().contains("'A'"), e.reason());
        assertTrue(e.reason().contains("lines 1 and 3"), e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"#KEY=old\nKEY=new\n", "KEY=new\n#KEY=old\n"})
    void enabledEntryWinsOverDisabledOneInEitherOrder(String content) throws Exception {
        SecretEntry entry = single(content);

        assertFalse(entry.disabled());
        assertValue("new", entry);
        assertEquals(content.indexOf("KEY=new") == 0 ? 1 : 2, entry.origin().line());
    }

    @Test
    void lastOfTwoDisabledEntriesWins() throws Exception {
        SecretEntry entry = single("#KEY=first\n#KEY=second\n");

        assertTrue(entry.disabled());
        assertValue("second", entry);
        assertEquals(2, entry.origin().line());
    }

    @Test
    void keepsNonUtf8ValueBytes() throws Exception {
        byte[] raw = {(byte) 0xff, (byte) 0xfe, 'x', (byte) 0x80};
        byte[] content = concat("BIN=".getBytes(UTF_8), raw, "\nQ=\"".getBytes(UTF_8), raw, "\"\n".getBytes(UTF_8));

        List<SecretEntry> entries = EnvFileParser.parse(FILE, content);

        assertEquals(List.of("BIN", "Q"), keys(entries));
        assertTrue(entries.get(0).value().sameContentAs(raw));
        assertTrue(entries.get(1).value().sameContentAs(raw));
    }

    @Test
    void keepsUtf8ValueBytes() throws Exception {
        assertValue("grüße ✓", single("K=grüße ✓"));
    }

    @Test
    void originsCarryFileAndLineNumbers() throws Exception {
        List<SecretEntry> entries = parse("# header\n\nA=1\n#B=2\n  export C=3\nD=4");

        assertEquals(List.of("A", "B", "C", "D"), keys(entries));
        assertEquals(List.of(new Origin(FILE, 3), new Origin(FILE, 4), new Origin(FILE, 5), new Origin(FILE, 6)),
                entries.stream().map(SecretEntry::origin).toList());
    }

    private static List<SecretEntry> parse(String content) throws SecretFileException {
        return EnvFileParser.parse(FILE, content.getBytes(UTF_8));
    }

    private static SecretEntry single(String content) throws SecretFileException {
        List<SecretEntry> entries = parse(content);
        assertEquals(1, entries.size(), "number of entries");
        return entries.get(0);
    }

    private static SecretFileException refused(String content) {
        return assertThrows(SecretFileException.class, () -> parse(content));
    }

    private static void assertValue(String expected, SecretEntry entry) {
        assertEquals(expected, new String(entry.value().bytes(), UTF_8), "value of " + entry.key());
        assertTrue(entry.value().sameContentAs(expected.getBytes(UTF_8)), "bytes of " + entry.key());
    }

    private static List<String> keys(List<SecretEntry> entries) {
        return entries.stream().map(SecretEntry::key).toList();
    }

    private static List<Integer> lines(List<SecretEntry> entries) {
        return entries.stream().map(e -> e.origin().line()).toList();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
