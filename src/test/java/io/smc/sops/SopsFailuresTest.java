package io.smc.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SopsFailuresTest {
    private static SopsException fails(SopsKeys keys, byte[] content, SopsFormat format) throws Exception {
        SopsException e = assertThrows(SopsException.class,
                () -> new SopsFileDecryptor(keys).decrypt(content, format, "secrets/file"));
        Leaks.assertClean(e.getMessage());
        assertTrue(e.getMessage().contains("secrets/file"), "the message names the file");
        return e;
    }

    private static String text(String kind, String file) throws Exception {
        return new String(Vectors.read(kind, file), StandardCharsets.UTF_8);
    }

    /** Changes one base64 character of the first match of {@code group 1}. */
    private static byte[] changeOne(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex);
        int at = m.start(1) + 2;
        char c = text.charAt(at);
        return (text.substring(0, at) + (c == 'A' ? 'B' : 'A') + text.substring(at + 1))
                .getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"secrets.yaml", "secrets.json", "secrets.env", "secrets.bin"})
    void aChangedValueFailsWithIntegrity(String file) throws Exception {
        byte[] tampered = changeOne(text("age", file), "(?<!sops_mac=|\"mac\": \"|mac: )ENC\\[AES256_GCM,data:([^,]+)");
        assertEquals(SopsException.Kind.INTEGRITY,
                fails(CommittedVectorsTest.keys("age"), tampered, Vectors.format(file)).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"secrets.yaml", "secrets.json", "secrets.env", "secrets.bin"})
    void aChangedMacFailsWithIntegrity(String file) throws Exception {
        byte[] tampered = changeOne(text("pgp", file), "mac\\W{1,5}ENC\\[AES256_GCM,data:([^,]+)");
        assertEquals(SopsException.Kind.INTEGRITY,
                fails(CommittedVectorsTest.keys("pgp"), tampered, Vectors.format(file)).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"secrets.yaml", "secrets.json", "secrets.env", "secrets.bin"})
    void aChangedLastModifiedFailsWithIntegrity(String file) throws Exception {
        byte[] tampered = text("age", file).replace(Vectors.LAST_MODIFIED, "2026-11-28T11:40:01Z")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(SopsException.Kind.INTEGRITY,
                fails(CommittedVectorsTest.keys("age"), tampered, Vectors.format(file)).kind());
    }

    @Test
    void anUnencryptedValueChangedInPlaceFailsWithIntegrity() throws Exception {
        byte[] tampered = text("age", "secrets.yaml").replace("visible", "visibly").getBytes(StandardCharsets.UTF_8);
        assertEquals(SopsException.Kind.INTEGRITY,
                fails(CommittedVectorsTest.keys("age"), tampered, SopsFormat.YAML).kind());
    }

    @Test
    void aValueMovedToAnotherKeyFailsWithIntegrity() throws Exception {
        String yaml = text("age", "secrets.yaml");
        String port = yaml.lines().filter(l -> l.startsWith("port:")).findFirst().orElseThrow();
        String token = yaml.lines().filter(l -> l.startsWith("database_password:")).findFirst().orElseThrow();
        byte[] tampered = yaml.replace(port, "port:" + token.substring(token.indexOf(':') + 1))
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(SopsException.Kind.INTEGRITY,
                fails(CommittedVectorsTest.keys("age"), tampered, SopsFormat.YAML).kind());
    }

    @Test
    void aMissingMacFailsWithIntegrity() throws Exception {
        String yaml = text("age", "secrets.yaml");
        byte[] tampered = yaml.replaceAll("(?m)^  mac: .*\n", "").getBytes(StandardCharsets.UTF_8);
        SopsException e = fails(CommittedVectorsTest.keys("age"), tampered, SopsFormat.YAML);
        assertEquals(SopsException.Kind.INTEGRITY, e.kind());
        assertTrue(e.getMessage().contains("no MAC"), e.getMessage());
    }

    @Test
    void aFileForOtherRecipientsFailsListingThem() throws Exception {
        SopsException age = fails(CommittedVectorsTest.keys("pgp"), Vectors.read("age", "secrets.yaml"),
                SopsFormat.YAML);
        assertEquals(SopsException.Kind.NO_MATCHING_KEY, age.kind());
        String recipient = text("age", "secrets.yaml").lines().filter(l -> l.contains("recipient:"))
                .findFirst().orElseThrow().replaceAll(".*recipient: ", "").replace("\"", "").strip();
        assertTrue(age.getMessage().contains(recipient), age.getMessage());

        SopsException pgp = fails(CommittedVectorsTest.keys("age"), Vectors.read("pgp", "secrets.env"),
                SopsFormat.DOTENV);
        assertEquals(SopsException.Kind.NO_MATCHING_KEY, pgp.kind());
        assertTrue(pgp.getMessage().contains(Vectors.PGP_FINGERPRINT), pgp.getMessage());
    }

    @Test
    void withNoKeysAtAllTheFileFailsListingItsRecipients() throws Exception {
        SopsException e = fails(SopsKeys.none(), Vectors.read("pgp", "secrets.json"), SopsFormat.JSON);
        assertEquals(SopsException.Kind.NO_MATCHING_KEY, e.kind());
        assertTrue(e.getMessage().contains(Vectors.PGP_FINGERPRINT), e.getMessage());
    }

    private static final String KMS_ONLY = """
            secret: ENC[AES256_GCM,data:AAAA,iv:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]
            sops:
              kms:
                - arn: arn:aws:kms:us-east-1:000000000000:key/00000000-0000-0000-0000-000000000000
                  enc: AQICAHh
              gcp_kms:
                - resource_id: projects/p/locations/global/keyRings/r/cryptoKeys/k
                  enc: CiQA
              age: []
              pgp: []
              lastmodified: "2024-01-01T00:00:00Z"
              mac: ENC[AES256_GCM,data:AAAA,iv:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]
              version: 3.8.1
            """;

    @Test
    void kmsOnlyMetadataIsUnsupportedNamingTheKeyTypes() throws Exception {
        SopsException e = fails(CommittedVectorsTest.keys("age"), KMS_ONLY.getBytes(StandardCharsets.UTF_8),
                SopsFormat.YAML);
        assertEquals(SopsException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("kms, gcp_kms"), e.getMessage());
    }

    @Test
    void shamirKeyGroupsAreUnsupported() throws Exception {
        String yaml = """
                secret: ENC[AES256_GCM,data:AAAA,iv:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]
                sops:
                  key_groups:
                    - age:
                        - recipient: age1yt3tfqlfrwdwx0z0ynwplcr6qxcxfaqycuprpmy89nr83ltx74tqdpszlw
                          enc: x
                    - pgp:
                        - fp: FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4
                          enc: y
                  shamir_threshold: 2
                  lastmodified: "2024-01-01T00:00:00Z"
                  mac: ENC[AES256_GCM,data:AAAA,iv:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]
                  version: 3.8.1
                """;
        SopsException e = fails(CommittedVectorsTest.keys("age"), yaml.getBytes(StandardCharsets.UTF_8),
                SopsFormat.YAML);
        assertEquals(SopsException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("Shamir"), e.getMessage());
    }

    @Test
    void aFileWithoutMetadataIsMalformed() throws Exception {
        assertEquals(SopsException.Kind.MALFORMED, fails(CommittedVectorsTest.keys("age"),
                "a: b\n".getBytes(StandardCharsets.UTF_8), SopsFormat.YAML).kind());
    }

    @Test
    void anInputOverFiveMebibytesIsMalformed() throws Exception {
        byte[] big = new byte[SopsFileDecryptor.MAX_INPUT_BYTES + 1];
        assertEquals(SopsException.Kind.MALFORMED, fails(CommittedVectorsTest.keys("age"), big,
                SopsFormat.YAML).kind());
    }

    @Test
    void isEncryptedJudgesByStructure() {
        SopsFileDecryptor d = new SopsFileDecryptor(SopsKeys.none());
        assertTrue(d.isEncrypted(KMS_ONLY.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML));
        assertEquals(false, d.isEncrypted("sops: yes\n".getBytes(StandardCharsets.UTF_8), SopsFormat.YAML));
        assertEquals(false, d.isEncrypted("a: [\n".getBytes(StandardCharsets.UTF_8), SopsFormat.YAML));
        assertEquals(false, d.isEncrypted("KEY=ENC[x]\n".getBytes(StandardCharsets.UTF_8), SopsFormat.DOTENV));
        assertTrue(d.isEncrypted("KEY=v\nsops_version=3.9.0\n".getBytes(StandardCharsets.UTF_8),
                SopsFormat.DOTENV));
    }

    @Test
    void anIntegrityFailureInTheFixturesNamesNoPlaintext() throws Exception {
        String yaml = new String(Fixtures.read("age/example.yaml"), StandardCharsets.UTF_8);
        byte[] tampered = changeOne(yaml, "myapp1: ENC\\[AES256_GCM,data:([^,]+)");
        SopsException e = fails(Fixtures.ageKeys(), tampered, SopsFormat.YAML);
        assertEquals(SopsException.Kind.INTEGRITY, e.kind());
        assertTrue(e.getMessage().contains("myapp1:"), e.getMessage());
        List<String> tampers = List.of("2022-03-15T22:11:15Z");
        byte[] lastModified = yaml.replace(tampers.get(0), "2022-03-15T22:11:16Z").getBytes(StandardCharsets.UTF_8);
        assertEquals(SopsException.Kind.INTEGRITY, fails(Fixtures.ageKeys(), lastModified, SopsFormat.YAML).kind());
    }
}
