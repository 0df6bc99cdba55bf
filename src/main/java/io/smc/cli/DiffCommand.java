package io.smc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.api.ManifestException;
import io.smc.api.Manifests;
import io.smc.api.SecretManagerConfig;
import io.smc.kube.ApiException;
import io.smc.kube.KubeException;
import io.smc.kube.http.HttpKubeClient;
import io.smc.plan.KnownValues;
import io.smc.plan.Plan;
import io.smc.plan.Planner;
import io.smc.plan.PublishPolicy;
import io.smc.provider.StoreException;
import io.smc.provider.gcp.GcpEndpoint;
import io.smc.provider.gcp.GcpStorePool;
import io.smc.provider.gcp.GcpTransport;
import io.smc.provider.gcp.ProviderMetrics;
import io.smc.provider.gcp.QuotaSettings;
import io.smc.provider.gcp.RetryPolicy;
import io.smc.provider.gcp.auth.GcpCredentialsFactory;
import io.smc.provider.local.LocalSecretStore;
import io.smc.reconcile.ClusterSources;
import io.smc.reconcile.ConfigStores;
import io.smc.reconcile.DecryptionKeys;
import io.smc.reconcile.DesiredStates;
import io.smc.reconcile.GcpConfigStores;
import io.smc.sops.SopsDecryptor;
import io.smc.sops.SopsFileDecryptor;
import io.smc.source.Artifact;
import io.smc.source.SourceException;
import io.smc.source.SourceNotReadyException;
import io.smc.source.argocd.ArgoCdSource;
import io.smc.source.flux.ArtifactCache;
import io.smc.source.flux.ArtifactDownloader;
import io.smc.source.flux.FluxSources;
import io.smc.source.flux.TarGzUnpacker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code diff}: what the controller would do now for a live config — its source fetched, its keys read and its store
 * planned exactly as a reconcile does (the same source resolution, key lookup, build and planner), then {@code plan}'s
 * masked report. Reads only: nothing is written to the cluster or the store.
 */
final class DiffCommand implements Command {
    @Override
    public String name() {
        return "diff";
    }

    @Override
    public String summary() {
        return "show what the controller would change now for a config in a cluster (exit 0: nothing, 2: changes)";
    }

    @Override
    public String usage() {
        return "Usage: " + Main.PROGRAM + " diff NAME [-n NS] [options]\n\n"
                + "Reads the config from the cluster, fetches its source's current revision as the controller does\n"
                + "(a Flux artifact, SOURCE_CONTROLLER_LOCALHOST=host:port through a port-forward, or an Argo CD\n"
                + "Application's Git revision), decrypts with the key Secret the config names (which needs `get` on\n"
                + "that Secret) and plans against the config's Secret Manager project. Writes nothing. The report is\n"
                + "plan's: names, sizes and fingerprints, never a value.\n\n"
                + "Options:\n" + ClusterArgs.HELP
                + "  --decryption-key-file FILE\n"
                + "                      SOPS keys from a file instead of the config's key Secret (repeatable)\n"
                + "  --decryption-secret NS/NAME\n"
                + "                      the controller-wide key Secret (run's --decryption-secret), for configs\n"
                + "                      without spec.decryption\n"
                + "  --store local:DIR   plan against a local store instead of the config's provider\n"
                + "  --cache-dir DIR     where revisions are kept (default: under java.io.tmpdir)\n"
                + "  --argocd-namespace NS  where Argo CD's repository Secrets are (default: argocd)\n"
                + "  --gcp-transport T   grpc (default) or rest (SMC_GCP_TRANSPORT); SECRET_MANAGER_EMULATOR_HOST and\n"
                + "                      SMC_GCP_ENDPOINT are read as the controller reads them\n"
                + "  --output FORMAT     table (default) or json\n"
                + "Exit code: 0 no changes, 2 changes pending, 1 an error or a problem in the source.\n";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        ClusterArgs cli = ClusterArgs.parseRepeatable(args, Set.of("--decryption-secret", "--store", "--cache-dir",
                "--argocd-namespace", "--gcp-transport", "--output"), Set.of(), Set.of("--decryption-key-file"));
        String name = cli.name("diff");
        Options options = cli.options();
        String output = options.value("--output").orElse("table");
        if (!output.equals("table") && !output.equals("json")) {
            throw new UsageException("--output must be table or json, not '" + output + "'");
        }
        String store = options.value("--store").orElse(null);
        if (store != null && (!store.startsWith("local:") || store.length() == "local:".length())) {
            throw new UsageException("--store takes local:DIR; without it, the config's own provider is planned");
        }
        GcpTransport transport;
        try {
            transport = GcpTransport.parse(options.value("--gcp-transport").orElse(terminal.env(GcpTransport.ENV)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path cacheDir = options.value("--cache-dir").map(Path::of).orElse(LiveSourceOption.defaultCacheDir());
        try (Cluster cluster = Cluster.connect(cli, terminal)) {
            ObjectNode object = cluster.config("diff", name);
            SecretManagerConfig config;
            try {
                config = Manifests.parse(object, cluster.namespace() + "/" + name);
            } catch (ManifestException e) {
                throw new CommandFailure("diff: " + e.getMessage());
            }
            HttpKubeClient api = cluster.api();
            Artifact artifact = fetch(api, config, cluster.namespace(), cacheDir,
                    options.value("--argocd-namespace").orElse("argocd"), terminal);
            SopsDecryptor decryptor = decryptor(api, config, cluster.namespace(), options);
            DesiredStates.Built built = DesiredStates.build(artifact.root(), config, decryptor);
            if (built.failed()) {
                throw new CommandFailure("diff: " + built.failureReason() + ": " + built.failure());
            }
            ConfigStores stores = store != null ? localStore(Path.of(store.substring("local:".length())))
                    : new GcpConfigStores(new GcpStorePool(GcpCredentialsFactory.fromEnvironment(),
                            QuotaSettings.parse(terminal.env(QuotaSettings.ENV)), RetryPolicy.defaults(),
                            ProviderMetrics.NONE, Duration.ofMinutes(1)), api, transport,
                            terminal.env(GcpEndpoint.EMULATOR_ENV), terminal.env(GcpEndpoint.ENDPOINT_ENV));
            Plan plan;
            try (ConfigStores.Opened opened = stores.open(config, cluster.namespace())) {
                plan = new Planner(opened.store(), PublishPolicy.of(config), KnownValues.fresh(),
                        opened.parallelism()).plan(built.state());
            } catch (StoreException e) {
                throw new CommandFailure("diff: the store: " + e.getMessage());
            }
            Report.ofPlan(plan).withRevision(artifact.revision()).print(terminal, output.equals("json"));
            if (!plan.problems().isEmpty() || !plan.writable()) {
                return ExitCodes.FAILURE;
            }
            return plan.hasChanges() ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
        }
    }

    /** The config's source, through the same readers, downloader, unpacker and cache as the controller's. */
    private static Artifact fetch(HttpKubeClient api, SecretManagerConfig config, String namespace, Path cacheDir,
            String argocdNamespace, Terminal terminal) throws CommandFailure {
        FluxSources flux = FluxSources.using(api);
        ClusterSources sources = new ClusterSources(flux, () -> ArtifactCache.create(cacheDir.resolve("flux"), flux,
                ArtifactDownloader.create(terminal.environment()), TarGzUnpacker.create(),
                ArtifactCache.DEFAULT_KEEP), () -> ArgoCdSource.create(api, cacheDir.resolve("argocd"),
                        argocdNamespace));
        try {
            return sources.fetch(config, namespace);
        } catch (SourceNotReadyException e) {
            throw new CommandFailure("diff: source not ready: " + e.getMessage());
        } catch (SourceException e) {
            throw new CommandFailure("diff: " + e.getMessage());
        }
    }

    /** Key files when given; else the config's key Secret, read through the API as the controller reads it. */
    private static SopsDecryptor decryptor(HttpKubeClient api, SecretManagerConfig config, String namespace,
            Options options) throws CommandFailure, UsageException {
        List<Path> files = new ArrayList<>();
        options.values("--decryption-key-file").forEach(file -> files.add(Path.of(file)));
        if (!files.isEmpty()) {
            return Decryption.withKeyFiles(files).decryptor();
        }
        String controllerSecret = options.value("--decryption-secret").orElse(null);
        DecryptionKeys keys;
        try {
            keys = new DecryptionKeys(api, controllerSecret);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--decryption-secret: " + e.getMessage());
        }
        try {
            return new SopsFileDecryptor(keys.of(config, namespace).keys());
        } catch (DecryptionKeys.Unavailable e) {
            throw new CommandFailure("diff: " + e.getMessage());
        } catch (ApiException e) {
            if (e.reason() == ApiException.Reason.FORBIDDEN) {
                String secret = config.spec().decryption() != null ? namespace + "/"
                        + config.spec().decryption().secretRef().name() : controllerSecret;
                throw new CommandFailure("diff: reading the decryption keys' Secret " + secret + " needs `get` on "
                        + "secrets in its namespace, which you lack; ask for it, or give the keys with "
                        + "--decryption-key-file (" + e.getMessage() + ")");
            }
            throw new CommandFailure("diff: reading the decryption keys: " + e.getMessage());
        } catch (KubeException e) {
            throw new CommandFailure("diff: reading the decryption keys: " + e.getMessage());
        }
    }

    /** A local store in place of the config's provider, opened read-only as plan opens it. */
    private static ConfigStores localStore(Path dir) {
        return (config, namespace) -> {
            LocalSecretStore local = LocalSecretStore.open(dir,
                    LocalSecretStore.Mode.READ);
            return new ConfigStores.Opened(local, 1, local);
        };
    }
}
