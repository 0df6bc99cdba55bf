package io.smc.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretValueTest {
    private static final String SECRET = "hunter2-do-not-show";

    @Test
    void showsOnlyTheSizeInToString() {
        SecretValue value = SecretValue.ofUtf8(SECRET);

        assertEquals("SecretValue[19 bytes]", value.toString());
        assertFalse(value.toString().contains("hunter2"));
    }

    @Test
    void showsOnlyTheSizeOfBinaryValues() {
        assertEquals("SecretValue[3 bytes]", SecretValue.of(new byte[] {'a', 0, (byte) 0xff}).toString());
    }

    @Test
    void equalsValueWithSameBytes() {
        SecretValue a = SecretValue.of(SECRET.getBytes(UTF_8));
        SecretValue b = SecretValue.ofUtf8(SECRET);

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void differsFromValueWithOtherBytes() {
        SecretValue value = SecretValue.ofUtf8(SECRET);

        assertNotEquals(value, SecretValue.ofUtf8(SECRET + " "));
        assertNotEquals(value, SecretValue.ofUtf8(""));
        assertNotEquals(value, (Object) SECRET);
        assertNotEquals(value, null);
    }

    @Test
    void comparesContentWithByteArray() {
        SecretValue value = SecretValue.of(new byte[] {1, 2, 3});

        assertTrue(value.sameContentAs(new byte[] {1, 2, 3}));
        assertFalse(value.sameContentAs(new byte[] {1, 2}));
        assertFalse(value.sameContentAs(new byte[] {1, 2, 4}));
    }

    @Test
    void copiesTheArrayItIsMadeOf() {
        byte[] source = {1, 2, 3};
        SecretValue value = SecretValue.of(source);

        source[0] = 9;

        assertArrayEquals(new byte[] {1, 2, 3}, value.bytes());
    }

    @Test
    void handsOutACopyOfItsBytes() {
        SecretValue value = SecretValue.of(new byte[] {1, 2, 3});

        value.bytes()[0] = 9;

        assertArrayEquals(new byte[] {1, 2, 3}, value.bytes());
    }

    @Test
    void knowsItsSize() {
        assertEquals(5, SecretValue.ofUtf8("ü✓").size());
        assertTrue(SecretValue.of(new byte[0]).isEmpty());
        assertFalse(SecretValue.ofUtf8("x").isEmpty());
    }

    @ParameterizedTest
    @CsvSource({
        "'',  e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    })
    void givesHexSha256OfItsBytes(String text, String sha256) {
        assertEquals(sha256, SecretValue.ofUtf8(text).sha256());
    }
}
