package io.smc.cli;

import io.smc.api.Durations;
import io.smc.http.BindAddress;
import io.smc.provider.gcp.GcpTransport;
import io.smc.provider.gcp.QuotaSettings;
import io.smc.runtime.ControllerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The options of {@code run}. Each flag has an {@code SMC_*} environment variable (the flag's name in capitals,
 * {@code --label-selector} → {@code SMC_LABEL_SELECTOR}); a flag given on the command line wins over its variable,
 * which wins over the default. A bad value is a usage error naming the flag (or the variable) it came from.
 *
 * @param leaseNamespace null when leader election should fall back to the kubeconfig context's namespace
 */
record RunOptions(Path kubeconfig, String context, List<String> namespaces, String labelSelector, int concurrency,
        String metricsAddress, String probeAddress, boolean leaderElect, String leaseNamespace, String leaseName,
        Duration minRetryDelay, Duration maxRetryDelay, Duration shutdownTimeout, String logLevel,
        String logFormat, String decryptionSecret, Path cacheDir, String argoCdNamespace, GcpTransport gcpTransport,
        String gcpEndpoint, QuotaSettings gcpQuotas) {

    static final String LEADER_ELECT = "--leader-elect";
    /** The seed's port; the install manifests' container port and probes follow it. */
    static final String DEFAULT_METRICS_ADDRESS = ":8080";
    static final Set<String> VALUED = Set.of("--kubeconfig", "--context", "--label-selector", "--concurrency",
            "--metrics-bind-address", "--health-probe-bind-address", "--leader-election-namespace",
            "--leader-election-id", "--min-retry-delay", "--max-retry-delay", "--shutdown-timeout", "--log-level",
            "--log-format", "--decryption-secret", "--cache-dir", "--argocd-namespace", "--gcp-transport",
            "--gcp-endpoint", "--gcp-quotas");
    static final Set<String> REPEATABLE = Set.of("--namespace");
    static final List<String> LOG_LEVELS = List.of("debug", "info", "warn", "error");
    static final List<String> LOG_FORMATS = List.of("json", "text");

    static final String HELP = """
            Options (each also read from the environment variable in brackets; a flag given wins):
              --kubeconfig FILE          the kubeconfig [SMC_KUBECONFIG] (default: KUBECONFIG, ~/.kube/config,
                                         then the in-cluster service account)
              --context NAME             the kubeconfig context [SMC_CONTEXT] (default: the current context)
              --namespace NS             reconcile configs in NS only; repeatable [SMC_NAMESPACE, comma-separated]
                                         (default: all namespaces)
              --label-selector SEL       reconcile only configs matching SEL, to shard configs between several
                                         controllers [SMC_LABEL_SELECTOR]
              --concurrency N            configs reconciled at once [SMC_CONCURRENCY] (default: 4)
              --metrics-bind-address A   where /metrics is served, [HOST]:PORT; 0 disables it
                                         [SMC_METRICS_BIND_ADDRESS] (default: :8080)
              --health-probe-bind-address A
                                         where /healthz and /readyz are served [SMC_HEALTH_PROBE_BIND_ADDRESS]
                                         (default: the metrics address; :8080 when metrics are disabled)
              --leader-elect[=BOOL]      reconcile only while holding a Lease, for several replicas
                                         [SMC_LEADER_ELECT] (default: false)
              --leader-election-namespace NS
                                         the Lease's namespace [SMC_LEADER_ELECTION_NAMESPACE] (default:
                                         POD_NAMESPACE, else the kubeconfig context's namespace)
              --leader-election-id NAME  the Lease's name [SMC_LEADER_ELECTION_ID]
                                         (default: secret-manager-controller-leader)
              --min-retry-delay D        the first retry delay of a failing config [SMC_MIN_RETRY_DELAY] (default: 1s)
              --max-retry-delay D        the longest retry delay [SMC_MAX_RETRY_DELAY] (default: 5m)
              --shutdown-timeout D       how long a stop waits for reconciles in flight [SMC_SHUTDOWN_TIMEOUT]
                                         (default: 30s)
              --log-level L              debug, info, warn or error [SMC_LOG_LEVEL] (default: info)
              --log-format F             json or text (logfmt) [SMC_LOG_FORMAT] (default: json)
              --decryption-secret NS/NAME
                                         SOPS keys (*.agekey, *.asc) for configs without spec.decryption
                                         [SMC_DECRYPTION_SECRET] (default: none)
              --cache-dir DIR            where source revisions are kept [SMC_CACHE_DIR]
                                         (default: under java.io.tmpdir)
              --argocd-namespace NS      where Argo CD keeps its repository Secrets [SMC_ARGOCD_NAMESPACE]
                                         (default: argocd)
              --gcp-transport T          grpc or rest [SMC_GCP_TRANSPORT] (default: grpc)
              --gcp-endpoint HOST:PORT   Secret Manager endpoint for configs without one [SMC_GCP_ENDPOINT];
                                         SECRET_MANAGER_EMULATOR_HOST=host:port talks plaintext to an emulator
              --gcp-quotas Q             the projects' quotas calls are paced by, e.g. write=1200,read=1200
                                         [SMC_GCP_QUOTAS] (default: Secret Manager's)
              -h, --help                 show this help
            Durations are written as 500ms, 30s, 5m, 1h30m.
            """;

    /** @throws UsageException a value that makes no sense, naming its flag or variable */
    static RunOptions parse(List<String> args, Map<String, String> environment) throws UsageException {
        List<String> rest = new ArrayList<>();
        Boolean leaderElectFlag = null;
        for (String arg : args) {
            if (arg.equals(LEADER_ELECT) || arg.startsWith(LEADER_ELECT + "=")) {
                if (leaderElectFlag != null) {
                    throw new UsageException(LEADER_ELECT + " is given twice");
                }
                leaderElectFlag = arg.equals(LEADER_ELECT) || bool(arg.substring(LEADER_ELECT.length() + 1),
                        LEADER_ELECT);
            } else {
                rest.add(arg);
            }
        }
        Options options = Options.parse(rest, VALUED, Set.of(), REPEATABLE);
        Source source = new Source(options, environment);

        List<String> namespaces = new ArrayList<>(options.values("--namespace"));
        if (namespaces.isEmpty() && source.env("--namespace") != null) {
            Arrays.stream(source.env("--namespace").split(",")).map(String::trim).filter(n -> !n.isEmpty())
                    .forEach(namespaces::add);
        }
        for (String namespace : namespaces) {
            if (!namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || namespace.length() > 63) {
                throw new UsageException(source.origin("--namespace") + ": '" + namespace
                        + "' is not a namespace name");
            }
        }
        boolean leaderElect = leaderElectFlag != null ? leaderElectFlag
                : source.env(LEADER_ELECT) != null && bool(source.env(LEADER_ELECT), source.origin(LEADER_ELECT));
        String metrics = source.value("--metrics-bind-address", DEFAULT_METRICS_ADDRESS);
        String probes = source.value("--health-probe-bind-address", metrics.equals("0") ? DEFAULT_METRICS_ADDRESS
                : metrics);
        if (probes.equals("0")) {
            throw new UsageException(source.origin("--health-probe-bind-address")
                    + ": the probes cannot be disabled (the kubelet needs them)");
        }
        bindAddress(source, "--metrics-bind-address", metrics);
        bindAddress(source, "--health-probe-bind-address", probes);
        String logLevel = oneOf(source, "--log-level", "info", LOG_LEVELS);
        String logFormat = oneOf(source, "--log-format", "json", LOG_FORMATS);
        Duration minRetry = source.parse("--min-retry-delay", "1s", RunOptions::positiveDuration);
        Duration maxRetry = source.parse("--max-retry-delay", "5m", RunOptions::positiveDuration);
        if (maxRetry.compareTo(minRetry) < 0) {
            throw new UsageException(source.origin("--max-retry-delay") + " (" + Durations.format(maxRetry)
                    + ") is shorter than " + source.origin("--min-retry-delay") + " (" + Durations.format(minRetry)
                    + ")");
        }
        String decryptionSecret = source.optional("--decryption-secret").orElse(null);
        if (decryptionSecret != null && !decryptionSecret.matches("[a-z0-9][-a-z0-9]*/[a-z0-9][-a-z0-9.]*")) {
            throw new UsageException(source.origin("--decryption-secret") + ": '" + decryptionSecret
                    + "' is not NAMESPACE/NAME");
        }
        GcpTransport transport = source.parse("--gcp-transport", "grpc", GcpTransport::parse);
        QuotaSettings quotas = source.parse("--gcp-quotas", null, text -> text == null ? QuotaSettings.defaults()
                : QuotaSettings.parse(text));
        return new RunOptions(source.optional("--kubeconfig").map(Path::of).orElse(null),
                source.optional("--context").orElse(null), namespaces,
                source.optional("--label-selector").orElse(null),
                source.parse("--concurrency", "4", RunOptions::positiveInt), metrics, probes, leaderElect,
                source.optional("--leader-election-namespace").orElse(environment.get("POD_NAMESPACE")),
                source.value("--leader-election-id", ControllerSettings.DEFAULT_LEASE_NAME), minRetry, maxRetry,
                source.parse("--shutdown-timeout", "30s", RunOptions::positiveDuration), logLevel, logFormat,
                decryptionSecret, source.optional("--cache-dir").map(Path::of).orElse(Path.of(
                        System.getProperty("java.io.tmpdir"), Main.PROGRAM + "-cache")),
                source.value("--argocd-namespace", "argocd"), transport,
                source.optional("--gcp-endpoint").orElse(null), quotas);
    }

    /** The controller's settings, with the lease's namespace defaulting to the kubeconfig context's. */
    ControllerSettings settings(String contextNamespace) {
        return new ControllerSettings(namespaces, labelSelector, concurrency,
                metricsAddress.equals("0") ? null : metricsAddress, probeAddress, leaderElect,
                leaseNamespace != null ? leaseNamespace : contextNamespace, leaseName, minRetryDelay, maxRetryDelay,
                shutdownTimeout, ControllerSettings.DEFAULT_RECONCILE_TIMEOUT,
                ControllerSettings.DEFAULT_REDISCOVERY_INTERVAL);
    }

    /** SMC_ and the flag's name in capitals with underscores. */
    static String variable(String flag) {
        return "SMC_" + flag.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static String oneOf(Source source, String flag, String fallback, List<String> accepted)
            throws UsageException {
        String value = source.value(flag, fallback);
        if (!accepted.contains(value.toLowerCase(Locale.ROOT))) {
            throw new UsageException(source.origin(flag) + " must be one of " + String.join(", ", accepted)
                    + ", not '" + value + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static void bindAddress(Source source, String flag, String text) throws UsageException {
        try {
            BindAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(source.origin(flag) + ": " + e.getMessage());
        }
    }

    private static boolean bool(String text, String origin) throws UsageException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new UsageException(origin + " takes true or false, not '" + text + "'");
        };
    }

    private static Integer positiveInt(String text) {
        int value = Integer.parseInt(text);
        if (value < 1) {
            throw new IllegalArgumentException("must be at least 1");
        }
        return value;
    }

    private static Duration positiveDuration(String text) {
        Duration duration = Durations.parse(text);
        if (duration.isZero()) {
            throw new IllegalArgumentException("must be longer than 0");
        }
        return duration;
    }

    /** Where each option's value comes from: the flag, else its variable, else the default. */
    private record Source(Options options, Map<String, String> environment) {
        Optional<String> optional(String flag) {
            return options.value(flag).or(() -> Optional.ofNullable(env(flag)));
        }

        String value(String flag, String fallback) {
            return optional(flag).orElse(fallback);
        }

        String env(String flag) {
            String value = environment.get(variable(flag));
            return value == null || value.isEmpty() ? null : value;
        }

        /** The flag, or the variable when the value came from there: what a user must change. */
        String origin(String flag) {
            return options.has(flag) || !options.values(flag).isEmpty() || env(flag) == null ? flag
                    : variable(flag);
        }

        <T> T parse(String flag, String fallback, Function<String, T> parser) throws UsageException {
            String text = value(flag, fallback);
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new UsageException(origin(flag) + ": '" + text + "' " + (e instanceof NumberFormatException
                        ? "is not a whole number" : e.getMessage().startsWith("'") ? "is not a duration such as "
                        + "30s, 5m or 1h30m" : e.getMessage()));
            }
        }
    }
}
