package io.smc.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SecretNamingTest {
    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "svc,  DB_PASSWORD, prod, svc-DB_PASSWORD-prod",
        "svc,  DB_PASSWORD, '',   svc-DB_PASSWORD",
        "svc,  DB_PASSWORD, NULL, svc-DB_PASSWORD",
        "'',   DB_PASSWORD, prod, DB_PASSWORD-prod",
        "NULL, DB_PASSWORD, NULL, DB_PASSWORD",
        "svc,  NULL,        prod, svc-prod",
    })
    void joinsPrefixKeySuffixDroppingEmptyParts(String prefix, String key, String suffix, String expected)
            throws Exception {
        assertEquals(expected, SecretNaming.name(prefix, key, suffix));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "db.password,   svc-db_password",
        "path/to/key,   svc-path_to_key",
        "'two words',   svc-two_words",
        "hosts[0],      svc-hosts_0_",
        "users[1].name, svc-users_1__name",
        "grüße,         svc-gr__e",
        "clé,           svc-cl_",
        "日本,           svc-__",
        "x😀y,          svc-x_y",
        "a+b=c@d,       svc-a_b_c_d",
        "Keep_This-9,   svc-Keep_This-9",
    })
    void replacesEachDisallowedCodePointWithOneUnderscore(String key, String expected) throws Exception {
        assertEquals(expected, SecretNaming.name("svc", key, null));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "svc,  a--b,  NULL, svc-a-b",
        "svc,  a----b,NULL, svc-a-b",
        "a-,   -b,    NULL, a-b",
        "svc-, key,   -x,   svc-key-x",
        "NULL, -,     NULL, -",
        "svc,  a_-_b, NULL, svc-a_-_b",
    })
    void collapsesRunsOfDashes(String prefix, String key, String suffix, String expected) throws Exception {
        assertEquals(expected, SecretNaming.name(prefix, key, suffix));
    }

    static Stream<Arguments> namesOfMaximumLength() {
        return Stream.of(
                arguments(null, "k".repeat(255), "k".repeat(255)),
                arguments("p", "k".repeat(253), "p-" + "k".repeat(253)),
                arguments(null, "😀".repeat(255), "_".repeat(255)));
    }

    @ParameterizedTest
    @MethodSource("namesOfMaximumLength")
    void acceptsExactly255Characters(String prefix, String key, String expected) throws Exception {
        String name = SecretNaming.name(prefix, key, null);

        assertEquals(expected, name);
        assertEquals(SecretNaming.MAX_LENGTH, name.length());
    }

    @Test
    void refuses256CharactersNamingKeyAndLength() {
        String key = "k".repeat(252);

        SecretNaming.InvalidNameException e = assertThrows(SecretNaming.InvalidNameException.class,
                () -> SecretNaming.name("svc", key, null));

        assertTrue(e.getMessage().contains("key '" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(" 256 characters"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"NULL, NULL, NULL", "'', '', ''", "NULL, '', NULL"})
    void refusesEmptyName(String prefix, String key, String suffix) {
        SecretNaming.InvalidNameException e = assertThrows(SecretNaming.InvalidNameException.class,
                () -> SecretNaming.name(prefix, key, suffix));

        assertTrue(e.getMessage().contains("empty secret name"), e.getMessage());
    }
}
