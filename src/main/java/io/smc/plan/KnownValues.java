package io.smc.plan;

import io.smc.provider.VersionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process last wrote to or read from each secret: the newest version's number, state and value digest,
 * and the digest of the metadata this controller put on the secret. Secret Manager bills every access, so a
 * planner trusts this memory instead of asking again, until the drift-check interval has passed since the value was
 * last confirmed in the store. Only digests are kept, never values. Lost on restart, which is why the first plan
 * after a restart reads everything once. Thread-safe.
 */
public final class KnownValues {
    /**
     * @param metadataDigest digest of the labels and annotations this controller last confirmed on the secret, or
     *                       null when not confirmed
     * @param confirmedAt    when the value was last read or written
     */
    public record Known(long version, VersionState state, String sha256, String metadataDigest, Instant confirmedAt) {
        Known withState(VersionState newState, Instant at) {
            return new Known(version, newState, sha256, metadataDigest, at);
        }

        Known withMetadata(String digest) {
            return new Known(version, state, sha256, digest, confirmedAt);
        }
    }

    private record Key(String store, String name) {
    }

    private final Clock clock;
    private final Map<Key, Known> known = new ConcurrentHashMap<>();
    private final Map<Key, Set<String>> publishedNames = new ConcurrentHashMap<>();

    public KnownValues(Clock clock) {
        this.clock = clock;
    }

    /** An empty memory on the system clock: a command-line run, which reads every secret once. */
    public static KnownValues fresh() {
        return new KnownValues(Clock.systemUTC());
    }

    Instant now() {
        return clock.instant();
    }

    /** What this process last confirmed of a secret in a store: its newest version and state (for an inventory). */
    public Optional<Known> get(String store, String name) {
        return Optional.ofNullable(known.get(new Key(store, name)));
    }

    /** Whether a value confirmed at {@code confirmedAt} is due to be compared with the store again. */
    boolean driftCheckDue(Known entry, Duration interval) {
        return !interval.isZero() && !entry.confirmedAt().plus(interval).isAfter(now());
    }

    void confirmed(String store, String name, long version, VersionState state, String sha256) {
        Key key = new Key(store, name);
        Known previous = known.get(key);
        String metadata = previous == null ? null : previous.metadataDigest();
        known.put(key, new Known(version, state, sha256, metadata, now()));
    }

    /** A disabled entry with no secret in the store: nothing to publish, nothing to check until the interval. */
    void confirmedAbsent(String store, String name, String metadataDigest) {
        known.put(new Key(store, name), new Known(0, VersionState.DISABLED, null, metadataDigest, now()));
    }

    void stateChanged(String store, String name, long version, VersionState state) {
        known.computeIfPresent(new Key(store, name),
                (key, entry) -> entry.version() == version ? entry.withState(state, now()) : entry);
    }

    void metadataConfirmed(String store, String name, String digest) {
        known.computeIfPresent(new Key(store, name), (key, entry) -> entry.withMetadata(digest));
    }

    void forget(String store, String name) {
        known.remove(new Key(store, name));
    }

    /** Forgets these secrets of a store, so the next plan reads each once: a drift check asked for by hand. */
    public void forget(String store, Collection<String> names) {
        names.forEach(name -> forget(store, name));
    }

    /**
     * The names a config published last time with nothing failing, so a prune can skip listing the store while the
     * set of names has not changed. {@code owner} tells the configs apart.
     */
    Optional<Set<String>> publishedNames(String store, String owner) {
        return Optional.ofNullable(publishedNames.get(new Key(store, owner)));
    }

    void published(String store, String owner, List<String> names) {
        publishedNames.put(new Key(store, owner), Set.copyOf(names));
    }

    void forgetPublished(String store, String owner) {
        publishedNames.remove(new Key(store, owner));
    }
}
