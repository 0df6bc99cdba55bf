package io.smc.cli;

import io.smc.http.BuildInfo;
import io.smc.http.JvmMetrics;
import io.smc.http.ProcessMetrics;
import io.smc.kube.ClusterConnection;
import io.smc.kube.ConfigException;
import io.smc.kube.http.ClientOptions;
import io.smc.kube.http.HttpKubeClient;
import io.smc.kube.http.RegisteredClientMetrics;
import io.smc.log.Log;
import io.smc.log.LogFormat;
import io.smc.log.LogLevel;
import io.smc.log.Logging;
import io.smc.metrics.MetricsRegistry;
import io.smc.kube.events.EventRecorder;
import io.smc.plan.KnownValues;
import io.smc.provider.gcp.GcpEndpoint;
import io.smc.provider.gcp.GcpStorePool;
import io.smc.provider.gcp.RegisteredProviderMetrics;
import io.smc.provider.gcp.RetryPolicy;
import io.smc.provider.gcp.auth.GcpCredentialsFactory;
import io.smc.reconcile.ClusterSources;
import io.smc.reconcile.ConfigReconciler;
import io.smc.reconcile.DecryptionKeys;
import io.smc.reconcile.GcpConfigStores;
import io.smc.reconcile.RegisteredConfigMetrics;
import io.smc.reconcile.StatusWriter;
import io.smc.runtime.ConfigCache;
import io.smc.runtime.Lazy;
import io.smc.source.argocd.ArgoCdSource;
import io.smc.source.flux.ArtifactCache;
import io.smc.source.flux.ArtifactDownloader;
import io.smc.source.flux.FluxSources;
import io.smc.source.flux.TarGzUnpacker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import io.smc.runtime.ControllerProcess;
import io.smc.runtime.LeaderIdentity;
import io.smc.runtime.Signals;
import java.io.IOException;
import java.util.List;

/**
 * {@code run}: the controller as users deploy it, until a signal stops it. Wiring only: the options, logging, the
 * cluster connection and metrics, then {@link ControllerProcess} does the rest.
 */
final class RunCommand implements Command {
    private static final Log LOG = Log.of(RunCommand.class);

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run the controller: reconcile SecretManagerConfigs in a cluster until stopped";
    }

    @Override
    public String usage() {
        return "Usage: " + Main.PROGRAM + " run [options]\n\n"
                + "Watches SecretManagerConfigs and the Flux and Argo CD sources they read, and reconciles them.\n"
                + "Serves /metrics, /healthz and /readyz. Logs one line per event to standard error.\n"
                + "SIGTERM or SIGINT stops gracefully (reconciles in flight finish, the lease is released); a second\n"
                + "signal stops at once. Under the image's launcher, SIGHUP restarts with the code now on disk.\n\n"
                + RunOptions.HELP;
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        RunOptions options = RunOptions.parse(args, terminal.environment());
        Logging.configure(LogLevel.parse(options.logLevel()).jdkLevel(), LogFormat.parse(options.logFormat()),
                terminal.err());
        String version = VersionCommand.version();
        ClusterConnection connection;
        try {
            connection = KubeConnection.load(options.kubeconfig(), options.context(), terminal);
        } catch (ConfigException e) {
            throw new CommandFailure(e.getMessage());
        }
        LOG.info("starting", "version", version, "java", Runtime.version().toString(), "server",
                connection.server().toString(), "source", connection.description());
        MetricsRegistry registry = new MetricsRegistry();
        ProcessMetrics.register(registry);
        JvmMetrics.register(registry);
        BuildInfo.register(registry, version);
        try (HttpKubeClient client = HttpKubeClient.create(connection, ClientOptions.defaults()
                .withMetrics(new RegisteredClientMetrics(registry)))) {
            String identity = LeaderIdentity.fromEnvironment(terminal.environment());
            ExecutorService eventThread = EventRecorder.backgroundExecutor();
            ControllerProcess process = new ControllerProcess(options.settings(connection.defaultNamespace()),
                    client, registry, identity, cache -> reconciler(cache, client, options, terminal, registry,
                            new EventRecorder(client, Main.PROGRAM, identity, eventThread, Clock.systemUTC(),
                                    line -> LOG.warn(line))));
            Signals.install(signal -> process.requestStop("SIG" + signal, ExitCodes.OK));
            try {
                process.start();
            } catch (IOException e) {
                process.stop();
                throw new CommandFailure(e.getMessage());
            }
            try {
                return process.awaitTermination();
            } finally {
                eventThread.shutdown();
            }
        }
    }

    /**
     * The reconciler and what it reads and writes through: sources, the Secret Manager pool, keys, status. The heavy
     * parts (the Google client pool, the artifact downloader, git) are made at the first reconcile that needs them,
     * not at start, so readiness does not wait for them.
     */
    private static ConfigReconciler reconciler(ConfigCache cache, HttpKubeClient client, RunOptions options,
            Terminal terminal, MetricsRegistry registry, EventRecorder events) {
        // The informers hold every watched source already; a reconcile reads them there, not with a GET.
        FluxSources flux = FluxSources.using(client, ref -> cache.source(ref.kind().name(), ref.namespace(),
                ref.name()));
        ClusterSources sources = new ClusterSources(flux, Lazy.of(() -> ArtifactCache.create(
                options.cacheDir().resolve("flux"), flux, ArtifactDownloader.create(terminal.environment()),
                TarGzUnpacker.create(), ArtifactCache.DEFAULT_KEEP)), Lazy.of(() -> ArgoCdSource.create(client,
                options.cacheDir().resolve("argocd"), options.argoCdNamespace())));
        // Registered now, so that the provider's metrics are served (at zero) before the first call.
        RegisteredProviderMetrics providerMetrics = new RegisteredProviderMetrics(registry);
        Lazy<GcpConfigStores> stores = Lazy.of(() -> new GcpConfigStores(new GcpStorePool(
                GcpCredentialsFactory.fromEnvironment(), options.gcpQuotas(), RetryPolicy.defaults(),
                providerMetrics, Duration.ofMinutes(5)), client, options.gcpTransport(),
                terminal.env(GcpEndpoint.EMULATOR_ENV), options.gcpEndpoint() != null ? options.gcpEndpoint()
                        : terminal.env(GcpEndpoint.ENDPOINT_ENV)));
        return new ConfigReconciler(cache, client, sources, (config, namespace) -> stores.get().open(config,
                namespace), new DecryptionKeys(client, options.decryptionSecret()), KnownValues.fresh(), events,
                new StatusWriter(client, Clock.systemUTC(), new RegisteredConfigMetrics(registry)));
    }
}
