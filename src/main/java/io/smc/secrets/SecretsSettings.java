package io.smc.secrets;

import io.smc.api.Configs;
import io.smc.api.Secrets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What to read from a revision: the fields {@code environment}, {@code basePath}, {@code prefix} and {@code suffix}
 * of a SecretManagerConfig's {@code spec.secrets}, and from {@code spec.configs} how {@code application.properties}
 * is published, checked with the same rules the API enforces.
 *
 * @param environment the profile directory to read, e.g. {@code dev}
 * @param basePath    where to look for services, relative to the revision's root; empty means the root
 * @param prefix      replaces every service's name at the front of its secret names; empty means the service name
 * @param suffix      appended to every secret name; may be empty
 * @param properties  raw mode only: how each service's {@code application.properties} is published; null means
 *                    {@link PropertiesMode#JSON_SECRET}. Kustomize mode publishes rendered Secrets only and ignores
 *                    it, so it is left at the default there: a store that is not supported yet must not refuse a
 *                    config it does not concern.
 */
public record SecretsSettings(String environment, String basePath, String prefix, String suffix,
        PropertiesMode properties) {
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9]([-a-z0-9_.]*[a-z0-9])?");
    private static final Pattern AFFIX = Pattern.compile("[A-Za-z0-9_-]+");

    /** How {@code application.properties} is published: {@code spec.configs.enabled} and {@code spec.configs.store}. */
    public enum PropertiesMode {
        /** One secret, {@code <prefix>-properties-<suffix>}, holding a JSON object of all properties (the default). */
        JSON_SECRET,
        /** One Secret Manager secret per property, named like any other key ({@code store: SecretManager}). */
        SECRET_PER_PROPERTY,
        /** One Parameter Manager parameter per property ({@code store: ParameterManager}): not supported yet. */
        PARAMETER_PER_PROPERTY
    }

    public SecretsSettings {
        basePath = basePath == null ? "" : basePath;
        prefix = prefix == null ? "" : prefix;
        suffix = suffix == null ? "" : suffix;
        properties = properties == null ? PropertiesMode.JSON_SECRET : properties;
    }

    /** Settings that publish {@code application.properties} as one JSON secret, as a config without configs does. */
    public SecretsSettings(String environment, String basePath, String prefix, String suffix) {
        this(environment, basePath, prefix, suffix, PropertiesMode.JSON_SECRET);
    }

    /** These settings with {@code application.properties} published as {@code properties} says. */
    /**
     * The settings a config's {@code spec.secrets} and {@code spec.configs} ask for, before validation. Kustomize
     * mode ({@code kustomizePath}) reads no {@code application.properties}, so {@code spec.configs} does not apply.
     */
    public static SecretsSettings of(Secrets secrets, Configs configs) {
        SecretsSettings settings = new SecretsSettings(secrets.environment(), secrets.basePath(), secrets.prefix(),
                secrets.suffix());
        return secrets.kustomizePath() == null ? settings.withProperties(propertiesMode(configs)) : settings;
    }

    /** What {@code spec.configs} asks for; a config without it publishes one JSON secret. */
    public static PropertiesMode propertiesMode(Configs configs) {
        if (configs == null || !Boolean.TRUE.equals(configs.enabled())) {
            return PropertiesMode.JSON_SECRET;
        }
        return configs.store() == Configs.ConfigStore.ParameterManager ? PropertiesMode.PARAMETER_PER_PROPERTY
                : PropertiesMode.SECRET_PER_PROPERTY;
    }

    public SecretsSettings withProperties(PropertiesMode properties) {
        return new SecretsSettings(environment, basePath, prefix, suffix, properties);
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
        // Refused here rather than while reading a revision: it is a fact about the config that no commit can
        // change, so it is an error before anything is fetched, not a problem repeated for every service, nor one
        // that goes unnoticed while no service has an application.properties. Nor is it a rule of the API (the
        // manifest is valid; this build just cannot write Parameter Manager yet), and a silent fallback to Secret
        // Manager would put configuration where nobody looks for it.
        if (properties == PropertiesMode.PARAMETER_PER_PROPERTY) {
            throw new InvalidSettingsException("configs.store ParameterManager is not supported yet: publish "
                    + "properties one per key with store SecretManager, or as one JSON secret with configs.enabled "
                    + "false");
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
