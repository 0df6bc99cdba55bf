package io.smc.cli;

import io.smc.provider.StoreException;
import io.smc.provider.local.LocalSecretStore;
import io.smc.secrets.DesiredState;
import io.smc.secrets.RawFileSecrets;
import io.smc.secrets.SecretsSettings;
import io.smc.secrets.SourceException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.Set;

/** The options {@code plan} and {@code sync} share: where the secrets come from, how they are named, where they go. */
record PipelineOptions(Path source, SecretsSettings settings, Path storeDir, boolean json) {
    static final Set<String> VALUED = Set.of("--source", "--config", "--environment", "--base-path", "--prefix",
            "--suffix", "--store", "--output");
    static final String DEFAULT_STORE = "local:.secret-store";

    static final String HELP = """
            Options:
              --source DIR        the repository root to read (default: .)
              --config FILE       a SecretManagerConfig YAML; its spec.secrets gives the four settings below
              --environment ENV   the profile to read: profiles/ENV/ (or ENV/) in each deployment-configuration
              --base-path PATH    where to look for services, relative to the source (default: the root)
              --prefix PREFIX     front of every secret name (default: each service's directory name)
              --suffix SUFFIX     end of every secret name (default: none)
              --store local:DIR   the secret store (default: local:.secret-store)
              --output FORMAT     table (default) or json
              -h, --help          show this help
            Options given next to --config override the file's values.
            """;

    static PipelineOptions parse(List<String> args) throws UsageException, CommandFailure {
        Options options = Options.parse(args, VALUED, Set.of());
        SecretsSettings fromFile = new SecretsSettings(null, null, null, null);
        if (options.has("--config")) {
            fromFile = ConfigFile.read(Path.of(options.value("--config").orElseThrow()));
        }
        SecretsSettings settings = new SecretsSettings(
                options.value("--environment").orElse(fromFile.environment()),
                options.value("--base-path").orElse(fromFile.basePath()),
                options.value("--prefix").orElse(fromFile.prefix()),
                options.value("--suffix").orElse(fromFile.suffix()));
        if (settings.environment() == null) {
            throw new UsageException("no environment: give --environment or a --config with spec.secrets.environment");
        }
        try {
            settings = settings.validated();
        } catch (SecretsSettings.InvalidSettingsException e) {
            throw new CommandFailure(e.getMessage());
        }
        String output = options.value("--output").orElse("table");
        if (!output.equals("table") && !output.equals("json")) {
            throw new UsageException("--output must be table or json, not '" + output + "'");
        }
        return new PipelineOptions(Path.of(options.value("--source").orElse(".")), settings,
                storeDir(options.value("--store").orElse(DEFAULT_STORE)), output.equals("json"));
    }

    private static Path storeDir(String store) throws UsageException {
        if (!store.startsWith("local:") || store.length() == "local:".length()) {
            throw new UsageException("--store must be local:DIR, not '" + store + "'");
        }
        return Path.of(store.substring("local:".length()));
    }

    /** The desired state of the source; a source that cannot be read at all is a {@link CommandFailure}. */
    DesiredState readSource() throws CommandFailure, IOException {
        try {
            return RawFileSecrets.read(source, settings);
        } catch (SourceException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    /** The labels a created secret gets: who manages it, and for which environment. */
    Map<String, String> ownershipLabels() {
        return Map.of("managed-by", Main.PROGRAM, "environment", settings.environment().replace('.', '_'));
    }

    LocalSecretStore openStore(LocalSecretStore.Mode mode) throws CommandFailure {
        try {
            return LocalSecretStore.open(storeDir, mode);
        } catch (StoreException e) {
            throw new CommandFailure(e.getMessage());
        }
    }
}
