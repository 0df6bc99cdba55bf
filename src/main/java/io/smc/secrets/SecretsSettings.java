package io.smc.secrets;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What to read from a revision: the fields {@code environment}, {@code basePath}, {@code prefix} and {@code suffix}
 * of a SecretManagerConfig's {@code spec.secrets}, checked with the same rules the API enforces.
 *
 * @param environment the profile directory to read, e.g. {@code dev}
 * @param basePath    where to look for services, relative to the revision's root; empty means the root
 * @param prefix      replaces every service's name at the front of its secret names; empty means the service name
 * @param suffix      appended to every secret name; may be empty
 */
public record SecretsSettings(String environment, String basePath, String prefix, String suffix) {
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9]([-a-z0-9_.]*[a-z0-9])?");
    private static final Pattern AFFIX = Pattern.compile("[A-Za-z0-9_-]+");

    public SecretsSettings {
        basePath = basePath == null ? "" : basePath;
        prefix = prefix == null ? "" : prefix;
        suffix = suffix == null ? "" : suffix;
    }

    /** Returns these settings when they are valid, else throws saying which rule they break. */
    public SecretsSettings validated() throws InvalidSettingsException {
        if (environment == null || environment.isEmpty()) {
            throw new InvalidSettingsException("environment is required");
        }
        if (environment.length() > 63 || !ENVIRONMENT.matcher(environment).matches()) {
            throw new InvalidSettingsException("environment '" + environment
                    + "' must be 1-63 lowercase letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
        }
        if (!prefix.isEmpty() && !AFFIX.matcher(prefix).matches()) {
            throw new InvalidSettingsException("prefix '" + prefix + "' may only hold letters, digits, '_' and '-'");
        }
        if (!suffix.isEmpty() && !AFFIX.matcher(suffix).matches()) {
            throw new InvalidSettingsException("suffix '" + suffix + "' may only hold letters, digits, '_' and '-'");
        }
        Path base = Path.of(basePath).normalize();
        if (base.isAbsolute() || base.startsWith("..")) {
            throw new InvalidSettingsException("basePath '" + basePath + "' must be relative and stay inside the source");
        }
        return this;
    }

    /** Settings that break the API's rules. */
    public static final class InvalidSettingsException extends Exception {
        public InvalidSettingsException(String message) {
            super(message, null, false, false);
        }
    }
}
