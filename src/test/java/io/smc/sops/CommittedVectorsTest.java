package io.smc.sops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smc.secrets.EnvFileParser;
import io.smc.secrets.SecretEntry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommittedVectorsTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    static SopsKeys keys(String kind) throws SopsException {
        return SopsKeys.fromFiles(List.of(kind.equals("age") ? Vectors.AGE_KEY : Vectors.PGP_KEY));
    }

    static byte[] decrypt(String kind, String file) throws Exception {
        return new SopsFileDecryptor(keys(kind)).decrypt(Vectors.read(kind, file), Vectors.format(file),
                kind + "/" + file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"age", "pgp"})
    void yamlVectorDecryptsToTheDocumentWithItsTypes(String kind) throws Exception {
        assertEquals(Vectors.document(), read(new YAMLMapper(), decrypt(kind, "secrets.yaml")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"age", "pgp"})
    void jsonVectorDecryptsToTheDocumentWithItsTypes(String kind) throws Exception {
        assertEquals(Vectors.document(), read(new JsonMapper(), decrypt(kind, "secrets.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"age", "pgp"})
    void dotenvVectorDecryptsToLinesTheEnvFileParserReadsBackExactly(String kind) throws Exception {
        List<SecretEntry> entries = EnvFileParser.parse("secrets.env", decrypt(kind, "secrets.env"));
        Map<String, String> read = new LinkedHashMap<>();
        for (SecretEntry e : entries) {
            read.put(e.key(), new String(e.value().bytes(), StandardCharsets.UTF_8));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        Vectors.dotenv().fields().forEachRemaining(f -> expected.put(f.getKey(), f.getValue().asText()));
        assertEquals(expected, read);
    }

    @ParameterizedTest
    @ValueSource(strings = {"age", "pgp"})
    void binaryVectorDecryptsToItsExactBytes(String kind) throws Exception {
        assertArrayEquals(Vectors.binary(), decrypt(kind, "secrets.bin"));
    }

    @Test
    void vectorsAreRecognisedAsEncryptedAndTheirPlaintextIsNot() throws Exception {
        SopsFileDecryptor decryptor = new SopsFileDecryptor(keys("age"));
        for (String file : Vectors.FILES) {
            SopsFormat format = Vectors.format(file);
            assertEquals(true, decryptor.isEncrypted(Vectors.read("age", file), format), file);
            assertEquals(false, decryptor.isEncrypted(decrypt("age", file), format), file);
        }
    }

    private static JsonNode read(ObjectMapper mapper, byte[] bytes) throws Exception {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.setNodeFactory(NODES);
        return mapper.readTree(bytes);
    }
}
