package io.smc.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.api.ManifestException;
import io.smc.api.Manifests;
import io.smc.api.SecretManagerConfig;
import io.smc.api.SecretManagerConfigSpec;
import io.smc.kube.informer.ObjectKeys;
import io.smc.log.Log;
import io.smc.runtime.ConfigCache;
import io.smc.runtime.Reconciler;
import io.smc.runtime.Result;
import io.smc.runtime.TerminalException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The first step of every reconcile, on its own: reads the config from the cache and checks it as admission would
 * (schema, defaults, cross-field rules). A config that is gone or being deleted is done; an invalid one is a
 * {@link TerminalException} naming the fields, not retried until it changes; a valid one is looked at again after
 * its {@code reconcileInterval}. It reads no source and writes nothing.
 */
public final class ValidatingReconciler implements Reconciler {
    private static final Log LOG = Log.of(ValidatingReconciler.class);

    private final ConfigCache cache;

    public ValidatingReconciler(ConfigCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Result reconcile(String namespace, String name) throws TerminalException {
        Optional<ObjectNode> cached = cache.config(namespace, name);
        if (cached.isEmpty() || cached.get().path("metadata").hasNonNull("deletionTimestamp")) {
            return Result.done();
        }
        SecretManagerConfig config;
        try {
            config = Manifests.parse(cached.get(), ObjectKeys.of(namespace, name));
        } catch (ManifestException e) {
            throw new TerminalException(e.getMessage());
        }
        if (Boolean.TRUE.equals(config.spec().suspend())) {
            LOG.debug("suspended", "namespace", namespace, "name", name);
            return Result.done();
        }
        Duration interval = Objects.requireNonNullElse(config.spec().reconcileInterval(),
                SecretManagerConfigSpec.MIN_RECONCILE_INTERVAL);
        LOG.debug("valid", "namespace", namespace, "name", name, "nextInSeconds", interval.toSeconds());
        return Result.after(interval);
    }
}
