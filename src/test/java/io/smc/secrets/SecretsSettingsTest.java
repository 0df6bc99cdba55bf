package io.smc.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.secrets.SecretsSettings.PropertiesMode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsSettingsTest {
    static Stream<String> validEnvironments() {
        return Stream.of("dev", "d", "0", "prod-eu.west_1", "a1", "x".repeat(63));
    }

    @ParameterizedTest
    @MethodSource("validEnvironments")
    void acceptsEnvironment(String environment) throws Exception {
        SecretsSettings settings = new SecretsSettings(environment, "", "", "");

        assertSame(settings, settings.validated());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesMissingEnvironment(String environment) {
        assertEquals("environment is required", refused(new SecretsSettings(environment, "", "", "")));
    }

    static Stream<String> invalidEnvironments() {
        return Stream.of("Dev", "DEV", "-dev", "dev-", "_dev", "dev_", ".dev", "dev.", "de v", "dev/x", "dév",
                "x".repeat(64));
    }

    @ParameterizedTest
    @MethodSource("invalidEnvironments")
    void refusesEnvironmentBreakingTheRules(String environment) {
        String message = refused(new SecretsSettings(environment, "", "", ""));

        assertTrue(message.startsWith("environment '" + environment + "' must be 1-63 lowercase"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "svc", "My_Svc-2", "-", "_"})
    void acceptsPrefixAndSuffixOfLettersDigitsUnderscoreAndDash(String affix) throws Exception {
        SecretsSettings settings = new SecretsSettings("dev", "", affix, affix);

        assertSame(settings, settings.validated());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "a b", "a/b", "grüße", "a:b", " "})
    void refusesPrefixWithOtherCharacters(String prefix) {
        assertEquals("prefix '" + prefix + "' may only hold letters, digits, '_' and '-'",
                refused(new SecretsSettings("dev", "", prefix, "")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "a b", "a/b", "grüße", "a:b", " "})
    void refusesSuffixWithOtherCharacters(String suffix) {
        assertEquals("suffix '" + suffix + "' may only hold letters, digits, '_' and '-'",
                refused(new SecretsSettings("dev", "", "", suffix)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "secrets", "a/b/", "./a", "a/../b", "a/..", "..a", "a..b"})
    void acceptsBasePathInsideTheSource(String basePath) throws Exception {
        SecretsSettings settings = new SecretsSettings("dev", basePath, "", "");

        assertSame(settings, settings.validated());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/abs", "/", "..", "../x", "a/../..", "a/b/../../../c", "./.."})
    void refusesBasePathOutsideTheSource(String basePath) {
        assertEquals("basePath '" + basePath + "' must be relative and stay inside the source",
                refused(new SecretsSettings("dev", basePath, "", "")));
    }

    @Test
    void turnsNullBasePathPrefixAndSuffixIntoEmpty() throws Exception {
        SecretsSettings settings = new SecretsSettings("dev", null, null, null);

        assertEquals(new SecretsSettings("dev", "", "", ""), settings);
        assertEquals("", settings.basePath());
        assertEquals("", settings.prefix());
        assertEquals("", settings.suffix());
        assertSame(settings, settings.validated());
    }

    @Test
    void publishesPropertiesAsOneJsonSecretUnlessToldOtherwise() {
        SecretsSettings settings = new SecretsSettings("dev", "apps", "team", "v1");

        assertEquals(PropertiesMode.JSON_SECRET, settings.properties());
        assertEquals(PropertiesMode.JSON_SECRET, new SecretsSettings("dev", "", "", "", null).properties());
        assertEquals(new SecretsSettings("dev", "apps", "team", "v1", PropertiesMode.SECRET_PER_PROPERTY),
                settings.withProperties(PropertiesMode.SECRET_PER_PROPERTY));
    }

    @Test
    void acceptsOneSecretPerProperty() throws Exception {
        SecretsSettings settings = new SecretsSettings("dev", "", "", "").withProperties(
                PropertiesMode.SECRET_PER_PROPERTY);

        assertSame(settings, settings.validated());
    }

    @Test
    void refusesPropertiesInParameterManagerAsNotSupportedYet() {
        String message = refused(new SecretsSettings("dev", "", "", "").withProperties(
                PropertiesMode.PARAMETER_PER_PROPERTY));

        assertTrue(message.startsWith("configs.store ParameterManager is not supported yet"), message);
        assertTrue(message.contains("store SecretManager"), message);
    }

    private static String refused(SecretsSettings settings) {
        return assertThrows(SecretsSettings.InvalidSettingsException.class, settings::validated).getMessage();
    }
}
