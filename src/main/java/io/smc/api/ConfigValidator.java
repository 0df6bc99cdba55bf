package io.smc.api;

import io.smc.api.schema.Violation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of a SecretManagerConfig that its schema cannot express: name formats of references, minimum durations,
 * relative paths. Runs on a config that already passed the schema and has its defaults.
 */
public final class ConfigValidator {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final List<Violation> violations = new ArrayList<>();

    private ConfigValidator() {
    }

    public static List<Violation> validate(SecretManagerConfig config) {
        ConfigValidator validator = new ConfigValidator();
        validator.check(config);
        return List.copyOf(validator.violations);
    }

    private void check(SecretManagerConfig config) {
        ObjectMeta metadata = config.metadata();
        if (metadata == null || metadata.name() == null) {
            violations.add(new Violation("metadata.name", "is required"));
        } else {
            subdomain("metadata.name", metadata.name());
        }
        if (metadata != null) {
            label("metadata.namespace", metadata.namespace());
        }
        SecretManagerConfigSpec spec = config.spec();
        subdomain("spec.sourceRef.name", spec.sourceRef().name());
        label("spec.sourceRef.namespace", spec.sourceRef().namespace());
        if (spec.sourceRef().gitCredentials() != null) {
            subdomain("spec.sourceRef.gitCredentials.name", spec.sourceRef().gitCredentials().name());
            label("spec.sourceRef.gitCredentials.namespace", spec.sourceRef().gitCredentials().namespace());
        }
        if (spec.decryption() != null) {
            subdomain("spec.decryption.secretRef.name", spec.decryption().secretRef().name());
        }
        GcpProvider gcp = spec.provider().gcp();
        if (gcp != null && gcp.auth() != null && gcp.auth().secretRef() != null) {
            subdomain("spec.provider.gcp.auth.secretRef.name", gcp.auth().secretRef().name());
        }
        atLeastAMinute("spec.reconcileInterval", spec.reconcileInterval(), false);
        atLeastAMinute("spec.driftCheckInterval", spec.driftCheckInterval(), true);
        atLeastAMinute("spec.gitRepositoryPullInterval", spec.gitRepositoryPullInterval(), false);
        relative("spec.secrets.basePath", spec.secrets().basePath());
        relative("spec.secrets.kustomizePath", spec.secrets().kustomizePath());
    }

    private void subdomain(String path, String name) {
        if (name != null && (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches())) {
            violations.add(new Violation(path, "'" + name + "' is not a valid name: lowercase letters, digits, '-' "
                    + "and '.', starting and ending with a letter or digit, at most 253 characters"));
        }
    }

    private void label(String path, String name) {
        if (name != null && (name.length() > 63 || !DNS_LABEL.matcher(name).matches())) {
            violations.add(new Violation(path, "'" + name + "' is not a valid namespace: lowercase letters, "
                    + "digits and '-', starting and ending with a letter or digit, at most 63 characters"));
        }
    }

    private void atLeastAMinute(String path, Duration duration, boolean zeroMeansOff) {
        if (duration == null || (zeroMeansOff && duration.isZero())) {
            return;
        }
        if (duration.compareTo(SecretManagerConfigSpec.MIN_RECONCILE_INTERVAL) < 0) {
            violations.add(new Violation(path, Durations.format(duration) + " is shorter than the minimum 1m"
                    + (zeroMeansOff ? " (0 turns it off)" : "")));
        }
    }

    private void relative(String path, String value) {
        if (value == null) {
            return;
        }
        Path normalized = Path.of(value).normalize();
        if (normalized.isAbsolute() || normalized.startsWith("..")) {
            violations.add(new Violation(path, "'" + value + "' must be relative and stay inside the source"));
        }
    }
}
