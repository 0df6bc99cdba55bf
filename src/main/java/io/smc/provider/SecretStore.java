package io.smc.provider;

import io.smc.secrets.SecretValue;
import java.util.Map;
import java.util.Optional;

/**
 * A place that holds secrets with numbered versions, modelled on Google Cloud Secret Manager: a secret has labels
 * and versions; each version is enabled, disabled or destroyed; only versions change state, never the secret.
 *
 * <p>Contract for every implementation (the local store is the reference; the same contract tests run against each):
 * <ul>
 *   <li>Version numbers start at 1 and only grow; a destroyed version keeps its number.</li>
 *   <li>Each call is atomic: it takes effect whole or not at all, also when the process dies during it.</li>
 *   <li>A {@link StoreException} means the call did not take effect; its message names the secret and never holds a
 *       value. {@link StoreException#retryable()} tells a transient failure from a refusal.</li>
 * </ul>
 */
public interface SecretStore {
    /** Where this store is, for reports and for salting fingerprints: {@code local:/path}, {@code gcp:projects/p}. */
    String id();

    /** Every secret with its labels and versions (not their values), by name. */
    Map<String, StoredSecret> list() throws StoreException;

    /** The bytes of one enabled version; disabled and destroyed versions cannot be read. */
    Optional<SecretValue> access(String name, long version) throws StoreException;

    /** Creates a secret with no versions; fails if it exists. */
    void create(String name, Map<String, String> labels) throws StoreException;

    /** Adds an enabled version holding {@code value} and returns its number. */
    long addVersion(String name, SecretValue value) throws StoreException;

    void disableVersion(String name, long version) throws StoreException;

    void enableVersion(String name, long version) throws StoreException;

    /** Replaces the secret's labels. */
    void setLabels(String name, Map<String, String> labels) throws StoreException;

    /** Deletes the secret with all its versions. */
    void delete(String name) throws StoreException;
}
