package io.smc.sops;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.secrets.DesiredState;
import io.smc.secrets.SecretsSettings;
import io.smc.secrets.kustomize.KustomizeSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Prints how fast SOPS files decrypt: a 100-key YAML file encrypted for age and for OpenPGP with the real tools at
 * run time (each decryption unwraps the data key, checks every value and the MAC), and the wall time of rendering
 * and decrypting the kustomize example's overlay. Figures only, no assertions; run by {@code scripts/bench-sops.sh}.
 */
public final class SopsBenchmark {
    private static final int KEYS = 100;
    private static final long WARM_UP_MILLIS = 1_500;
    private static final long MEASURE_MILLIS = 4_000;
    private static final int RENDER_RUNS = 5;

    private SopsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", java "
                + System.getProperty("java.version"));
        Path work = Files.createTempDirectory("bench-sops");
        Path ageKey = work.resolve("bench.agekey");
        Cli.run(List.of("age-keygen", "-o", ageKey.toString()), new byte[0]);
        String recipient = new String(Cli.run(List.of("age-keygen", "-y", ageKey.toString()), new byte[0]),
                StandardCharsets.US_ASCII).strip();
        Path home = Files.createDirectory(work.resolve("gnupg"));
        Map<String, String> env = Map.of("GNUPGHOME", home.toString());
        Cli.run(List.of("gpg", "--batch", "--import", Vectors.PGP_KEY.toString()), new byte[0], env);

        ObjectNode plain = JsonNodeFactory.instance.objectNode();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < KEYS; i++) {
            byte[] value = new byte[24];
            random.nextBytes(value);
            plain.put("key_" + i, HexFormat.of().formatHex(value));
        }
        byte[] ageFile = encrypted(plain, random, List.of("age", "-a", "-r", recipient), env,
                dataKeyEnc -> List.<String[]>of(new String[] {recipient, dataKeyEnc}), true);
        byte[] pgpFile = encrypted(plain, random, List.of("gpg", "--batch", "--trust-model", "always", "--armor",
                "--encrypt", "-r", Vectors.PGP_FINGERPRINT), env,
                dataKeyEnc -> List.<String[]>of(new String[] {Vectors.PGP_FINGERPRINT, dataKeyEnc}), false);

        SopsFileDecryptor ageDecryptor = new SopsFileDecryptor(SopsKeys.fromFiles(List.of(ageKey)));
        SopsFileDecryptor pgpDecryptor = new SopsFileDecryptor(SopsKeys.fromFiles(List.of(Vectors.PGP_KEY)));
        rate("age", ageDecryptor, ageFile);
        rate("pgp", pgpDecryptor, pgpFile);

        Path example = Path.of("examples/sops");
        SopsFileDecryptor exampleDecryptor = new SopsFileDecryptor(
                SopsKeys.fromFiles(List.of(example.resolve("throwaway.agekey"))));
        SecretsSettings settings = new SecretsSettings("dev", "", "", "").validated();
        List<Long> millis = new ArrayList<>();
        int secrets = 0;
        try {
            for (int run = 0; run <= RENDER_RUNS; run++) {
                long start = System.nanoTime();
                DesiredState state = KustomizeSecrets.read(example.resolve("kustomize-repo"), "overlays/dev",
                        settings, exampleDecryptor);
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                if (!state.problems().isEmpty()) {
                    throw new IllegalStateException("the example has problems: " + state.problems().size());
                }
                secrets = state.secrets().size();
                if (run > 0) { // the first run warms the JVM up
                    millis.add(elapsed);
                }
            }
            Collections.sort(millis);
            System.out.printf("kustomize example overlay: %d ms median of %d runs (min %d, max %d), %d secrets%n",
                    millis.get(millis.size() / 2), millis.size(), millis.get(0), millis.get(millis.size() - 1),
                    secrets);
        } catch (io.smc.secrets.kustomize.KustomizeException e) {
            System.out.println("kustomize example overlay: not measured (" + e.getMessage() + ")");
        }
    }

    private interface Stanzas {
        List<String[]> of(String dataKeyEnc);
    }

    private static byte[] encrypted(ObjectNode plain, SecureRandom random, List<String> wrap, Map<String, String> env,
            Stanzas stanzas, boolean age) throws Exception {
        byte[] dataKey = new byte[32];
        random.nextBytes(dataKey);
        String enc = new String(Cli.run(wrap, dataKey, env), StandardCharsets.US_ASCII);
        ObjectNode doc = new SopsTestEncryptor(dataKey).encrypt(plain, Vectors.LAST_MODIFIED,
                age ? stanzas.of(enc) : List.of(), age ? List.of() : stanzas.of(enc));
        return SopsTestEncryptor.yaml(doc);
    }

    private static void rate(String kind, SopsFileDecryptor decryptor, byte[] file) throws Exception {
        run(decryptor, file, WARM_UP_MILLIS);
        long start = System.nanoTime();
        int count = run(decryptor, file, MEASURE_MILLIS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %,.0f decryptions/s of a %d-key YAML file (%,d bytes; %d in %.1f s)%n", kind,
                count / seconds, KEYS, file.length, count, seconds);
    }

    private static int run(SopsFileDecryptor decryptor, byte[] file, long millis) throws Exception {
        long end = System.nanoTime() + millis * 1_000_000;
        int count = 0;
        while (System.nanoTime() < end) {
            decryptor.decrypt(file, SopsFormat.YAML, "bench.yaml");
            count++;
        }
        return count;
    }
}
