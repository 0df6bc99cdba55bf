package io.smc.provider;

import io.smc.secrets.SecretValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A place that holds secrets with numbered versions, modelled on Google Cloud Secret Manager: a secret has labels,
 * annotations and versions; each version is enabled, disabled or destroyed; only versions change state, never the
 * secret.
 *
 * <p>The methods map one to one onto Secret Manager's calls, so a caller can count what a plan costs: {@link #list}
 * and {@link #versions} are read calls (the scarce quota), {@link #accessLatest} and {@link #access} are access calls
 * (billed, plentiful), everything else is a write.
 *
 * <p>Contract for every implementation (the local store is the reference; the same contract tests run against each):
 * <ul>
 *   <li>Version numbers start at 1 and only grow; a destroyed version keeps its number.</li>
 *   <li>Each call is atomic: it takes effect whole or not at all, also when the process dies during it.</li>
 *   <li>A {@link StoreException} means the call did not take effect; its message names the secret and never holds a
 *       value. {@link StoreException#retryable()} tells a transient failure from a refusal, and
 *       {@link StoreException#stale()} a precondition on an outdated etag.</li>
 * </ul>
 */
public interface SecretStore {
    /** Where this store is, for reports and for salting fingerprints: {@code local:/path}, {@code gcp:projects/p}. */
    String id();

    /** Every secret with its labels and annotations (not its versions), by name. */
    Map<String, StoredSecret> list() throws StoreException;

    /**
     * The secrets {@code selection} selects, by name, exactly as {@link #list()} would show them; one read call like
     * {@link #list()}, none for an empty selection. A store that can narrow the listing where it is kept overrides
     * this.
     */
    default Map<String, StoredSecret> list(SecretSelection selection) throws StoreException {
        Map<String, StoredSecret> selected = new TreeMap<>();
        if (selection.isEmpty()) {
            return selected;
        }
        list().forEach((name, secret) -> {
            if (selection.selects(secret)) {
                selected.put(name, secret);
            }
        });
        return selected;
    }

    /** One secret's metadata, or empty when there is no such secret. */
    Optional<StoredSecret> get(String name) throws StoreException;

    /** The versions of one secret, sorted by number; refused when there is no such secret. */
    List<StoredVersion> versions(String name) throws StoreException;

    /** The bytes of one enabled version; empty for a disabled, destroyed or missing version. */
    Optional<SecretValue> access(String name, long version) throws StoreException;

    /**
     * The most recently created version, as Secret Manager's {@code latest} alias resolves it: readable when it is
     * enabled, else only its number and state (the alias does not skip a disabled version).
     */
    LatestVersion accessLatest(String name) throws StoreException;

    /** Creates a secret with no versions; refused if it exists. */
    void create(String name, NewSecret secret) throws StoreException;

    /** Adds an enabled version holding {@code value} and returns its number. */
    long addVersion(String name, SecretValue value) throws StoreException;

    void disableVersion(String name, long version) throws StoreException;

    void enableVersion(String name, long version) throws StoreException;

    /** Wipes a version's value for good; its number stays, in state destroyed. */
    void destroyVersion(String name, long version) throws StoreException;

    /**
     * Replaces the secret's labels and annotations, provided its etag is still {@code etag} (null: whatever it is);
     * otherwise throws a {@link StoreException#stale() stale} exception and changes nothing.
     */
    void updateMetadata(String name, Map<String, String> labels, Map<String, String> annotations, String etag)
            throws StoreException;

    /** Deletes the secret with all its versions, provided its etag is still {@code etag} (null: whatever it is). */
    void delete(String name, String etag) throws StoreException;
}
