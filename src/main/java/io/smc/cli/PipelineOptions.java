package io.smc.cli;

import io.smc.api.Configs;
import io.smc.api.SecretManagerConfig;
import io.smc.api.Secrets;
import io.smc.plan.Ownership;
import io.smc.plan.PublishPolicy;
import io.smc.secrets.DesiredState;
import io.smc.secrets.RawFileSecrets;
import io.smc.secrets.SecretsSettings;
import io.smc.secrets.SecretsSettings.PropertiesMode;
import io.smc.secrets.SourceException;
import io.smc.secrets.kustomize.KustomizeException;
import io.smc.secrets.kustomize.KustomizeSecrets;
import io.smc.sops.SopsDecryptor;
import io.smc.source.Artifact;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The options {@code plan} and {@code sync} share: where the secrets come from, how they are named, where they go. */
record PipelineOptions(Path source, LiveSourceOption live, SecretsSettings settings, String kustomizePath,
        Decryption decryption, StoreOption store, PublishPolicy policy, boolean json) {
    static final Set<String> VALUED = Set.of("--source", "--config", "--environment", "--base-path",
            "--kustomize-path", "--prefix", "--suffix", "--store", "--output", "--kubeconfig", "--context",
            "--cache-dir", "--gcp-transport", "--gcp-endpoint", "--gcp-credentials-file", "--gcp-impersonate",
            "--gcp-quotas");
    static final Set<String> SWITCHES = Set.of("--prune", "--properties-per-key");
    static final Set<String> REPEATABLE = Set.of("--decryption-key-file");
    static final String DEFAULT_STORE = "local:.secret-store";

    static final String HELP = """
            Options:
              --source DIR        the repository root to read (default: .)
              --source flux:KIND/NAMESPACE/NAME
                                  a Flux GitRepository, OCIRepository or Bucket: its current artifact, fetched
                                  as the controller does (SOURCE_CONTROLLER_LOCALHOST=host:port for port-forward)
              --source argocd:NAMESPACE/NAME
                                  an Argo CD Application: its target revision, fetched with git as the controller
                                  does (credentials from Argo CD's repository Secrets)
              --kubeconfig FILE   with a flux: or argocd: source, the kubeconfig (default: KUBECONFIG, ~/.kube/config)
              --context NAME      with a flux: or argocd: source, the context (default: the current context)
              --cache-dir DIR     with a flux: or argocd: source, where revisions are kept (default: under java.io.tmpdir)
              --config FILE       a SecretManagerConfig YAML; its spec.secrets gives the settings below, its
                                  spec.configs the --properties-per-key one
              --environment ENV   the profile to read: profiles/ENV/ (or ENV/) in each deployment-configuration
              --base-path PATH    raw mode: where to look for services, relative to the source (default: the root)
              --kustomize-path P  kustomize mode: publish the Secrets that `kustomize build P` renders
              --decryption-key-file FILE
                                  age identities or an armored OpenPGP secret key for SOPS files (repeatable;
                                  SOPS_AGE_KEY_FILE is read too)
              --prefix PREFIX     front of every secret name (default: each service's directory name)
              --suffix SUFFIX     end of every secret name (default: none)
              --properties-per-key
                                  raw mode: each application.properties entry becomes a secret of its own, named
                                  like any other key, instead of one JSON secret (spec.configs.enabled: true)
              --store local:DIR   the secret store (default: local:.secret-store)
              --store gcp:PROJECT[/LOCATION]
                                  Google Cloud Secret Manager (regional secrets with LOCATION); plain `gcp`
                                  takes the project and location from --config
              --gcp-transport T   grpc (default) or rest (SMC_GCP_TRANSPORT)
              --gcp-endpoint H:P  another endpoint: regional, Private Service Connect (SMC_GCP_ENDPOINT);
                                  SECRET_MANAGER_EMULATOR_HOST=host:port talks plaintext to an emulator
              --gcp-credentials-file FILE
                                  a service account key (default: Application Default Credentials,
                                  GOOGLE_APPLICATION_CREDENTIALS)
              --gcp-impersonate EMAIL
                                  act as this service account (IAM Credentials API); default: the config's
                                  spec.provider.gcp.auth.serviceAccountEmail
              --gcp-quotas Q      the project's quotas the calls are paced by, e.g. write=1200,read=1200
                                  (access, read, write a minute; secret-writes a second; SMC_GCP_QUOTAS;
                                  default: Secret Manager's, 90000, 600, 600 and 2)
              --prune             delete secrets of the config (--config) whose keys left the source
              --output FORMAT     table (default) or json
              -h, --help          show this help
            Options given next to --config override the file's values. With --config, the config's namespace and
            name own the secrets (labels smc-namespace, smc-name) and its provider.gcp labels, annotations,
            replication, triggerUpdate, adoptionPolicy and versionRetention apply; without it, the owner is cli/ENV.
            """;

    static PipelineOptions parse(List<String> args, Terminal terminal) throws UsageException, CommandFailure {
        Options options = Options.parse(args, VALUED, SWITCHES, REPEATABLE);
        Secrets fromFile = new Secrets(null, null, null, null, null);
        Configs configsFromFile = null;
        SecretManagerConfig config = null;
        if (options.has("--config")) {
            config = ConfigFile.read(Path.of(options.value("--config").orElseThrow()));
            fromFile = config.spec().secrets();
            configsFromFile = config.spec().configs();
        }
        String kustomizePath = options.value("--kustomize-path").orElse(fromFile.kustomizePath());
        if (kustomizePath != null && options.has("--base-path")) {
            throw new UsageException("--base-path (raw mode) and --kustomize-path (kustomize mode) exclude each other");
        }
        if (kustomizePath != null && options.has("--properties-per-key")) {
            throw new UsageException("--properties-per-key is for raw mode; kustomize mode publishes rendered Secrets "
                    + "only");
        }
        SecretsSettings settings = new SecretsSettings(
                options.value("--environment").orElse(fromFile.environment()),
                options.value("--base-path").orElse(fromFile.basePath()),
                options.value("--prefix").orElse(fromFile.prefix()),
                options.value("--suffix").orElse(fromFile.suffix()));
        if (kustomizePath == null) { // kustomize mode reads no application.properties: spec.configs does not apply
            settings = settings.withProperties(options.has("--properties-per-key")
                    ? PropertiesMode.SECRET_PER_PROPERTY : SecretsSettings.propertiesMode(configsFromFile));
        }
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
        List<Path> keyFiles = new ArrayList<>();
        options.values("--decryption-key-file").forEach(file -> keyFiles.add(Path.of(file)));
        String ageKeyFile = terminal.env("SOPS_AGE_KEY_FILE");
        if (ageKeyFile != null) {
            keyFiles.add(Path.of(ageKeyFile));
        }
        String source = options.value("--source").orElse(".");
        LiveSourceOption live = null;
        if (LiveSourceOption.isLive(source)) {
            live = LiveSourceOption.parse(source, options.value("--kubeconfig").map(Path::of).orElse(null),
                    options.value("--context").orElse(null),
                    options.value("--cache-dir").map(Path::of).orElse(LiveSourceOption.defaultCacheDir()));
        } else if (options.has("--kubeconfig") || options.has("--context") || options.has("--cache-dir")) {
            throw new UsageException("--kubeconfig, --context and --cache-dir go with a flux: or argocd: --source");
        }
        if (options.has("--prune") && config == null) {
            throw new UsageException("--prune needs --config: its namespace and name say whose secrets may be deleted");
        }
        PublishPolicy policy = config == null ? PublishPolicy.defaults(Ownership.of("cli", settings.environment()))
                : PublishPolicy.of(config);
        return new PipelineOptions(live == null ? Path.of(source) : null, live, settings, kustomizePath,
                Decryption.withKeyFiles(keyFiles), StoreOption.parse(options, config, terminal),
                policy.withPrune(options.has("--prune")), output.equals("json"));
    }

    /** The directory to read and, for a live source, the revision it holds (null for a plain directory). */
    record Resolved(Path root, String revision) {
    }

    /** A plain directory as given, or the live source's current revision, fetched and unpacked. */
    Resolved resolveSource(Terminal terminal) throws CommandFailure {
        if (live == null) {
            return new Resolved(source, null);
        }
        Artifact artifact = live.fetch(terminal);
        return new Resolved(artifact.root(), artifact.revision());
    }

    /** The desired state of the source; a source that cannot be read at all is a {@link CommandFailure}. */
    DesiredState readSource(Path source) throws CommandFailure, IOException {
        SopsDecryptor decryptor = decryption.decryptor();
        try {
            return kustomizePath == null ? RawFileSecrets.read(source, settings, decryptor)
                    : KustomizeSecrets.read(source, kustomizePath, settings, decryptor);
        } catch (SourceException | KustomizeException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

}
