package io.smc.secrets.kustomize;

import io.smc.secrets.DesiredSecret;
import io.smc.secrets.DesiredState;
import io.smc.secrets.Origin;
import io.smc.secrets.Problem;
import io.smc.secrets.RawFileSecrets;
import io.smc.secrets.SecretNaming;
import io.smc.secrets.SecretValue;
import io.smc.secrets.SecretsSettings;
import io.smc.secrets.SourceException;
import io.smc.sops.SopsDecryptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Kustomize mode: the desired set is every key of every {@code v1} Secret that {@code kustomize build <path>} of
 * the revision outputs.
 *
 * <p>Names are {@code {prefix}-{key}-{suffix}} as in raw mode. When {@code prefix} is empty the Secret's
 * {@code metadata.name} takes its place, as raw mode uses the service's directory name: it is what a team sees in
 * its manifests, and it keeps keys of different Secrets apart. A generated Secret's name carries kustomize's content
 * hash ({@code app-secrets-5fc8...}) unless its generator sets {@code disableNameSuffixHash}, so the names of its
 * secrets change with every value: set {@code disableNameSuffixHash} or a {@code prefix} for generated Secrets.
 *
 * <p>Two Secrets (or two keys) that give the same name are merged when they hold the same value; different values
 * are a conflict, and neither is published. Per-key limits are raw mode's: a value over
 * {@link RawFileSecrets#MAX_VALUE_BYTES}, an empty value or an invalid name keeps that key out. A build that fails,
 * or an input that cannot be decrypted, keeps everything out. {@link DesiredState#services()} counts the Secret
 * documents read.
 *
 * <p>Only rendered Secrets are published: {@code application.properties} files are not read here, so
 * {@link SecretsSettings#properties()} ({@code spec.configs}) does not apply.
 */
public final class KustomizeSecrets {
    private final String kustomizePath;
    private final SecretsSettings settings;
    private final List<Problem> problems = new ArrayList<>();

    private KustomizeSecrets(String kustomizePath, SecretsSettings settings) {
        this.kustomizePath = kustomizePath;
        this.settings = settings;
    }

    /** Reads the revision at {@code root} with {@code kustomize} or {@code kubectl} from {@code PATH}. */
    public static DesiredState read(Path root, String kustomizePath, SecretsSettings settings, SopsDecryptor decryptor)
            throws SourceException, KustomizeException, IOException {
        return read(root, kustomizePath, settings, KustomizeRenderer.using(decryptor));
    }

    /**
     * Reads the revision at {@code root}, building the kustomization at {@code kustomizePath}.
     *
     * @param kustomizePath a directory relative to {@code root} that stays inside it
     * @throws SourceException    when the root or the path is missing, or the path leads outside the revision
     * @throws KustomizeException when the build fails or an input cannot be decrypted: nothing is read then
     */
    public static DesiredState read(Path root, String kustomizePath, SecretsSettings settings,
            KustomizeRenderer renderer) throws SourceException, KustomizeException, IOException {
        String path = checkedPath(root, kustomizePath);
        Path realRoot = root.toRealPath();
        byte[] output = renderer.render(realRoot, path);
        List<SecretDocument> documents = SecretDocuments.parse(output, path, renderer.decryptor());
        return new KustomizeSecrets(path, settings).read(documents);
    }

    /** {@code kustomizePath} normalised, when it is a directory inside the revision. */
    static String checkedPath(Path root, String kustomizePath) throws SourceException, IOException {
        if (!Files.isDirectory(root)) {
            throw new SourceException("source directory " + root + " does not exist or is not a directory");
        }
        String given = kustomizePath == null || kustomizePath.isBlank() ? "." : kustomizePath;
        Path relative = Path.of(given).normalize();
        if (relative.isAbsolute() || relative.startsWith("..")) {
            throw new SourceException("kustomizePath '" + given + "' must be relative and stay inside the source");
        }
        Path realRoot = root.toRealPath();
        Path dir = realRoot.resolve(relative);
        if (!Files.isDirectory(dir)) {
            throw new SourceException("kustomizePath '" + given + "' is not a directory in the source");
        }
        if (!dir.toRealPath().startsWith(realRoot)) {
            throw new SourceException("kustomizePath '" + given + "' leads outside the source through a symbolic link");
        }
        String normalised = relative.toString().replace('\\', '/');
        return normalised.isEmpty() ? "." : normalised;
    }

    private DesiredState read(List<SecretDocument> documents) {
        Map<String, List<DesiredSecret>> byName = new TreeMap<>();
        for (SecretDocument document : documents) {
            problems.addAll(document.problems().stream()
                    .map(p -> new Problem(kustomizePath + " " + p.where(), p.message())).toList());
            document.values().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
                DesiredSecret secret = desired(document, entry.getKey(), entry.getValue());
                if (secret != null) {
                    byName.computeIfAbsent(secret.name(), n -> new ArrayList<>()).add(secret);
                }
            });
        }
        List<DesiredSecret> secrets = new ArrayList<>();
        byName.forEach((name, claimants) -> {
            DesiredSecret first = claimants.get(0);
            boolean agree = claimants.stream()
                    .allMatch(c -> c.key().equals(first.key()) && c.value().equals(first.value()));
            if (agree) {
                secrets.add(first);
            } else {
                problems.add(new Problem(name, conflict(claimants)));
            }
        });
        return new DesiredState(secrets, problems, List.of(), documents.size());
    }

    private static String conflict(List<DesiredSecret> claimants) {
        boolean sameKey = claimants.stream().map(DesiredSecret::key).distinct().count() == 1;
        String sources = claimants.stream().map(c -> c.origin().toString()).distinct()
                .collect(Collectors.joining(" and "));
        return (sameKey ? "key '" + claimants.get(0).key() + "' has different values" : "name collision")
                + ", nothing published for it: " + sources;
    }

    private DesiredSecret desired(SecretDocument document, String key, SecretValue value) {
        Origin origin = Origin.of(kustomizePath + " Secret " + document.qualifiedName() + " key " + key);
        String prefix = settings.prefix().isEmpty() ? document.name() : settings.prefix();
        String name;
        try {
            name = SecretNaming.name(prefix, key, settings.suffix());
        } catch (SecretNaming.InvalidNameException e) {
            problems.add(new Problem(origin.toString(), e.getMessage()));
            return null;
        }
        if (value.size() > RawFileSecrets.MAX_VALUE_BYTES) {
            problems.add(new Problem(origin.toString(), "value of key '" + key + "' is " + value.size()
                    + " bytes; Secret Manager accepts at most " + RawFileSecrets.MAX_VALUE_BYTES));
            return null;
        }
        if (value.isEmpty()) {
            problems.add(new Problem(origin.toString(), "key '" + key + "' has an empty value"));
            return null;
        }
        return new DesiredSecret(name, document.name(), key, value, false, origin);
    }
}
