package io.smc.secrets.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smc.sops.SopsDecryptor;
import io.smc.sops.SopsException;
import io.smc.sops.SopsFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decrypts, in a {@link RevisionCopy}, the SOPS-encrypted files a build reads: what {@code secretGenerator}s read
 * ({@code envs}, {@code env} and {@code files} entries), as Flux's kustomize-controller does, and the resource and
 * patch files themselves. Decrypting manifests before the build, from the files as sops wrote them, matters: the
 * MAC covers the values in document order, which kustomize's output does not keep, and a patch may add keys to an
 * encrypted Secret. It follows the kustomization at the build path and every {@code resources}, {@code bases} and
 * {@code components} entry that is a directory inside the copy. Files outside the copy are left alone: the load
 * restrictor makes kustomize refuse them anyway.
 */
final class EncryptedInputs {
    static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    /** Larger inputs are refused before they are read, as Flux does for the files it decrypts. */
    static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    /** Shorter fragments of decrypted text are not worth redacting: they would blank out ordinary words. */
    private static final int MIN_REDACTED_LENGTH = 4;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path root;
    private final SopsDecryptor decryptor;
    private final Set<Path> visitedDirs = new HashSet<>();
    private final Set<Path> visitedFiles = new HashSet<>();
    private final Set<String> plaintext = new HashSet<>();

    private EncryptedInputs(Path root, SopsDecryptor decryptor) {
        this.root = root;
        this.decryptor = decryptor;
    }

    /**
     * Decrypts the encrypted generator inputs reachable from the kustomization in {@code dir}, in place.
     *
     * @return fragments of the decrypted text (values of its lines), for redacting kustomize's error output
     * @throws KustomizeException when a file cannot be decrypted or is too large; the message is the
     *                            {@link SopsException}'s
     */
    static Set<String> decrypt(Path copyRoot, Path dir, SopsDecryptor decryptor) throws KustomizeException, IOException {
        EncryptedInputs inputs = new EncryptedInputs(copyRoot, decryptor);
        inputs.kustomization(dir);
        return Set.copyOf(inputs.plaintext);
    }

    private void kustomization(Path dir) throws KustomizeException, IOException {
        Path real = dir.toRealPath();
        if (!real.startsWith(root) || !visitedDirs.add(real)) {
            return;
        }
        JsonNode kustomization = read(real);
        if (kustomization == null) {
            return;
        }
        for (JsonNode generator : kustomization.path("secretGenerator")) {
            List<String> inputs = new ArrayList<>();
            generator.path("envs").forEach(e -> inputs.add(e.asText()));
            if (generator.path("env").isTextual()) {
                inputs.add(generator.path("env").asText());
            }
            for (JsonNode file : generator.path("files")) {
                String entry = file.asText();
                int equals = entry.indexOf('=');
                inputs.add(equals >= 0 ? entry.substring(equals + 1) : entry); // "key=path" or "path"
            }
            for (String input : inputs) {
                if (!input.isEmpty()) {
                    input(real.resolve(input).normalize());
                }
            }
        }
        for (String field : List.of("resources", "bases", "components")) {
            for (JsonNode entry : kustomization.path(field)) {
                Path next = real.resolve(entry.asText()).normalize();
                if (next.startsWith(root) && Files.isDirectory(next)) {
                    kustomization(next);
                } else if (next.startsWith(root)) {
                    input(next);
                }
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            if (patch.path("path").isTextual()) {
                input(real.resolve(patch.path("path").asText()).normalize());
            }
        }
        for (JsonNode patch : kustomization.path("patchesStrategicMerge")) {
            if (patch.isTextual() && !patch.asText().contains("\n")) {
                input(real.resolve(patch.asText()).normalize());
            }
        }
    }

    /** The kustomization in {@code dir}, or null when there is none or it is not YAML (kustomize says why). */
    private static JsonNode read(Path dir) throws IOException {
        for (String name : KUSTOMIZATION_FILES) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    JsonNode node = YAML.readTree(file.toFile());
                    return node != null && node.isObject() ? node : null;
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private void input(Path file) throws KustomizeException, IOException {
        if (!Files.exists(file) || !file.toRealPath().startsWith(root)) {
            return; // kustomize reports missing inputs and refuses those outside
        }
        Path real = file.toRealPath();
        if (!Files.isRegularFile(real) || !visitedFiles.add(real)) {
            return;
        }
        String label = root.relativize(real).toString().replace('\\', '/');
        long size = Files.size(real);
        if (size > MAX_FILE_BYTES) {
            throw new KustomizeException("kustomize input " + label + " is " + size + " bytes; files over "
                    + MAX_FILE_BYTES + " bytes are refused");
        }
        byte[] content = Files.readAllBytes(real);
        SopsFormat format = SopsFormat.forFileName(real.getFileName().toString());
        if (!decryptor.isEncrypted(content, format)) {
            return;
        }
        byte[] decrypted;
        try {
            decrypted = decryptor.decrypt(content, format, label);
        } catch (SopsException e) {
            throw new KustomizeException(e.getMessage(), true);
        }
        Files.write(real, decrypted);
        remember(decrypted);
    }

    private void remember(byte[] decrypted) {
        for (String line : new String(decrypted, StandardCharsets.UTF_8).split("\\R")) {
            String trimmed = line.strip();
            int separator = indexOfSeparator(trimmed);
            for (String fragment : new String[] {trimmed, trimmed.substring(separator + 1).strip()}) {
                if (fragment.length() >= MIN_REDACTED_LENGTH) {
                    plaintext.add(fragment);
                }
            }
        }
    }

    private static int indexOfSeparator(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }
}
