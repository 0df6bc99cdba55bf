package io.smc.cli;

import io.smc.api.GcpAuth;
import io.smc.api.GcpProvider;
import io.smc.api.SecretManagerConfig;
import io.smc.provider.SecretStore;
import io.smc.provider.StoreException;
import io.smc.provider.gcp.GcpEndpoint;
import io.smc.provider.gcp.GcpStoreFactory;
import io.smc.provider.gcp.GcpTransport;
import io.smc.provider.gcp.ProviderMetrics;
import io.smc.provider.gcp.QuotaSettings;
import io.smc.provider.local.LocalSecretStore;
import java.nio.file.Path;

/**
 * {@code --store}: a local directory, or a Google Cloud project with the options saying how to reach it.
 *
 * @param localDir the local store's directory, or null for Google Cloud
 */
record StoreOption(Path localDir, GcpStoreFactory.Target gcp) {
    static StoreOption parse(Options options, SecretManagerConfig config, Terminal terminal) throws UsageException {
        String store = options.value("--store").orElse(PipelineOptions.DEFAULT_STORE);
        boolean gcpOptions = options.has("--gcp-transport") || options.has("--gcp-endpoint")
                || options.has("--gcp-credentials-file") || options.has("--gcp-impersonate")
                || options.has("--gcp-quotas");
        if (store.startsWith("local:") && store.length() > "local:".length()) {
            if (gcpOptions) {
                throw new UsageException("--gcp-* options go with --store gcp:PROJECT");
            }
            return new StoreOption(Path.of(store.substring("local:".length())), null);
        }
        if (!store.equals("gcp") && !store.startsWith("gcp:")) {
            throw new UsageException("--store must be local:DIR or gcp:PROJECT[/LOCATION], not '" + store + "'");
        }
        GcpProvider fromConfig = config == null || config.spec().provider() == null ? null
                : config.spec().provider().gcp();
        String project;
        String location;
        if (store.equals("gcp")) {
            if (fromConfig == null) {
                throw new UsageException("--store gcp takes the project from --config's spec.provider.gcp; give "
                        + "--store gcp:PROJECT without one");
            }
            project = fromConfig.projectId();
            location = fromConfig.location();
        } else {
            String target = store.substring("gcp:".length());
            int slash = target.indexOf('/');
            project = slash < 0 ? target : target.substring(0, slash);
            location = slash < 0 ? null : target.substring(slash + 1);
            if (!project.matches(GcpProvider.PROJECT_ID_PATTERN)
                    || (location != null && !location.matches(GcpProvider.LOCATION_PATTERN))) {
                throw new UsageException("--store gcp:PROJECT[/LOCATION]: '" + target + "' is not a project id "
                        + "(6-30 lowercase letters, digits, '-') with an optional location such as europe-west1");
            }
        }
        GcpTransport transport;
        try {
            transport = GcpTransport.parse(options.value("--gcp-transport").orElse(terminal.env(GcpTransport.ENV)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        GcpEndpoint endpoint;
        try {
            endpoint = GcpEndpoint.resolve(terminal.env(GcpEndpoint.EMULATOR_ENV),
                    fromConfig == null ? null : fromConfig.endpoint(),
                    options.value("--gcp-endpoint").orElse(terminal.env(GcpEndpoint.ENDPOINT_ENV)), location);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        GcpAuth auth = fromConfig == null ? null : fromConfig.auth();
        String impersonate = options.value("--gcp-impersonate")
                .orElse(auth == null ? null : auth.serviceAccountEmail());
        Path keyFile = options.value("--gcp-credentials-file").map(Path::of).orElse(null);
        QuotaSettings quotas;
        try {
            quotas = QuotaSettings.parse(options.value("--gcp-quotas").orElse(terminal.env(QuotaSettings.ENV)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--gcp-quotas: " + e.getMessage());
        }
        return new StoreOption(null, new GcpStoreFactory.Target(project, location, transport, endpoint, keyFile,
                impersonate, quotas));
    }

    /** An open store and what it needs closed; Google Cloud's takes several calls at once. */
    record Opened(SecretStore store, int parallelism, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() throws StoreException {
            try {
                resources.close();
            } catch (StoreException e) {
                throw e;
            } catch (Exception e) {
                throw StoreException.transientFailure("the store did not close cleanly: " + e, e);
            }
        }
    }

    Opened open(boolean write) throws CommandFailure {
        try {
            if (localDir != null) {
                LocalSecretStore store = LocalSecretStore.open(localDir, write ? LocalSecretStore.Mode.WRITE
                        : LocalSecretStore.Mode.READ);
                return new Opened(store, 1, store);
            }
            GcpStoreFactory.Opened opened = GcpStoreFactory.open(gcp, ProviderMetrics.NONE);
            return new Opened(opened.store(), GcpStoreFactory.PARALLELISM, opened);
        } catch (StoreException e) {
            throw new CommandFailure(e.getMessage());
        }
    }
}
