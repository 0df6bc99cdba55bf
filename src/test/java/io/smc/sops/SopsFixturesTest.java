package io.smc.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SopsFixturesTest {
    private static final String WELCOME = "Welcome to SOPS!\n\nSOPS is a manager of encrypted files designed to help "
            + "distribute secrets.\nCheck it out, it's on github: https://github.com/mozilla/sops\n\n";

    private static byte[] decryptPgp(String file) throws Exception {
        return new SopsFileDecryptor(Fixtures.pgpKeys()).decrypt(Fixtures.read(file),
                SopsFormat.forFileName(file), file);
    }

    private static byte[] decryptAge(String file) throws Exception {
        return new SopsFileDecryptor(Fixtures.ageKeys()).decrypt(Fixtures.read(file),
                SopsFormat.forFileName(file), file);
    }

    @Test
    void decryptsTheAllInOneJsonWithOpenPgp() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(decryptPgp("pgp/all_in_one.secret.enc.json"));
        assertEquals("t00m4nys3cr3tz", doc.get("github_oauth_token").asText());
        assertFalse(doc.has("sops"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pgp/format.enc.json", "pgp/format.enc.yaml"})
    void decryptsTheFunctionalTestFormatFiles(String file) throws Exception {
        JsonNode doc = new YAMLMapper().readTree(decryptPgp(file));
        assertEquals("bar", doc.get("foo").asText());
        assertEquals(1, doc.size());
    }

    @Test
    void decryptsTheDotenvFileKeepingTheBlankInKeyAndValue() throws Exception {
        byte[] out = decryptPgp("pgp/format.enc.env");
        var entries = io.smc.secrets.EnvFileParser.parse("format.env", out);
        assertEquals(1, entries.size());
        assertEquals("foo", entries.get(0).key());
        assertEquals(" bar", new String(entries.get(0).value().bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void decryptsTheBinaryFilesToTheirExactBytes() throws Exception {
        assertEquals(WELCOME, new String(decryptPgp("pgp/example.txt"), StandardCharsets.UTF_8));
        assertEquals(WELCOME, new String(decryptAge("age/example.txt"), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pgp/example.yaml", "pgp/example.json"})
    void decryptsTheOpenPgpExamples(String file) throws Exception {
        String out = new String(decryptPgp(file), StandardCharsets.UTF_8);
        assertFalse(out.contains("ENC["), out.length() + " chars still hold ciphertext");
        assertFalse(out.contains("sops"));
    }

    @Test
    void decryptsTheAgeYamlExampleWithItsTypes() throws Exception {
        JsonNode doc = new YAMLMapper().readTree(decryptAge("age/example.yaml"));
        assertEquals("t00m4nys3cr3tzupdated", doc.get("myapp1").asText());
        assertTrue(doc.get("number").isNumber());
        assertTrue(doc.get("somebooleans").get(0).isBoolean());
        assertEquals("going to remain in clear text",
                doc.get("nested_unencrypted").get("this").get("is").get("all").asText());
        assertFalse(doc.has("sops"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pgp/format.enc.ini", "pgp/format-2.enc.ini"})
    void decryptsTheFunctionalTestIniFiles(String file) throws Exception {
        assertEquals("[foo]\nbar = baz\n", new String(decryptPgp(file), StandardCharsets.UTF_8));
    }

    @Test
    void decryptsTheIniExamplesOfBothKeyTypes() throws Exception {
        for (byte[] out : new byte[][] {decryptPgp("pgp/example.ini"), decryptAge("age/example.ini")}) {
            String text = new String(out, StandardCharsets.UTF_8);
            assertFalse(text.contains("ENC["), "no ciphertext is left");
            assertTrue(text.contains("notsecret_unencrypted = hi there!"), "unencrypted values are kept");
            assertFalse(text.contains("[sops]"));
        }
    }
}
