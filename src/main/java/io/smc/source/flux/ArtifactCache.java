package io.smc.source.flux;

import io.smc.source.Artifact;
import io.smc.source.SourceException;
import io.smc.source.SourceNotReadyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Unpacked Flux artifacts on disk, by (source uid, revision): {@code <dir>/<uid>/<sha256 of revision>/root}, with a
 * {@code complete} marker written last, so an entry without it (a crash mid-unpack) is deleted and fetched again.
 * Concurrent callers for one revision share one download. After each new revision, only the newest
 * {@code keep} revisions of that source stay.
 *
 * <p>Errors are those of {@link FluxSources}, {@link ArtifactDownloader} and {@link TarGzUnpacker}.
 *
 * <p>Metrics (Prometheus names, for the metrics registry to expose):
 * {@code secret_manager_artifact_fetch_duration_seconds} ({@link #fetchSeconds()}, over {@link #downloads()}
 * downloads), {@code secret_manager_artifact_fetch_bytes_total} ({@link #downloadedBytes()}),
 * {@code secret_manager_artifact_cache_hits_total} ({@link #cacheHits()}).
 */
public final class ArtifactCache {
    public static final int DEFAULT_KEEP = 3;
    private static final String MARKER = "complete";
    private static final String ROOT = "root";

    private final Path directory;
    private final FluxSources sources;
    private final ArtifactDownloader downloader;
    private final TarGzUnpacker unpacker;
    private final int keep;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Path, CompletableFuture<Artifact>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong downloads = new AtomicLong();
    private final AtomicLong fetchNanos = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();

    private ArtifactCache(Path directory, FluxSources sources, ArtifactDownloader downloader, TarGzUnpacker unpacker,
            int keep, LongSupplier nanoTime) {
        this.directory = directory;
        this.sources = sources;
        this.downloader = downloader;
        this.unpacker = unpacker;
        this.keep = keep;
        this.nanoTime = nanoTime;
    }

    public static ArtifactCache create(Path directory, FluxSources sources, ArtifactDownloader downloader,
            TarGzUnpacker unpacker, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1");
        }
        return new ArtifactCache(directory, sources, downloader, unpacker, keep, System::nanoTime);
    }

    /** The source's current revision, unpacked: from the cache, or downloaded, verified and unpacked once. */
    public Artifact fetch(SourceReference ref) throws SourceException, SourceNotReadyException {
        return fetch(sources.current(ref));
    }

    /** {@link #fetch(SourceReference)} for an artifact already read from its source. */
    public Artifact fetch(FluxArtifact artifact) throws SourceException, SourceNotReadyException {
        Path entry = directory.resolve(safe(artifact.sourceUid())).resolve(hash(artifact.revision()));
        Artifact cached = complete(entry, artifact.revision());
        if (cached != null) {
            hits.incrementAndGet();
            return cached;
        }
        CompletableFuture<Artifact> mine = new CompletableFuture<>();
        CompletableFuture<Artifact> running = inFlight.putIfAbsent(entry, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Artifact result = complete(entry, artifact.revision());
            if (result != null) {
                hits.incrementAndGet();
            } else {
                result = download(artifact, entry);
                evict(entry.getParent(), entry);
            }
            mine.complete(result);
            return result;
        } catch (SourceException | SourceNotReadyException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(entry, mine);
        }
    }

    public long downloads() {
        return downloads.get();
    }

    public double fetchSeconds() {
        return fetchNanos.get() / 1e9;
    }

    public long downloadedBytes() {
        return bytes.get();
    }

    public long cacheHits() {
        return hits.get();
    }

    private Artifact download(FluxArtifact artifact, Path entry) throws SourceException, SourceNotReadyException {
        long start = nanoTime.getAsLong();
        TarGzUnpacker.deleteTree(entry);
        try {
            Files.createDirectories(entry);
        } catch (IOException e) {
            throw new SourceException("cannot create cache entry " + entry + ": " + e.getMessage(), true, e);
        }
        Path archive = entry.resolve("artifact.tar.gz");
        try {
            long count = downloader.download(artifact, archive);
            unpacker.unpack(archive, entry.resolve(ROOT));
            Path marker = entry.resolve(MARKER + ".tmp");
            Files.writeString(marker, artifact.revision(), StandardCharsets.UTF_8);
            Files.move(marker, entry.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE);
            bytes.addAndGet(count);
            downloads.incrementAndGet();
            return new Artifact(artifact.revision(), entry.resolve(ROOT));
        } catch (IOException e) {
            throw new SourceException("cannot write cache entry " + entry + ": " + e.getMessage(), true, e);
        } finally {
            fetchNanos.addAndGet(nanoTime.getAsLong() - start);
            try {
                Files.deleteIfExists(archive);
            } catch (IOException ignored) {
                // removed with the entry later
            }
        }
    }

    /** The entry when its marker names this revision and its root exists; otherwise null. */
    private static Artifact complete(Path entry, String revision) {
        try {
            Path marker = entry.resolve(MARKER);
            if (Files.isRegularFile(marker) && Files.isDirectory(entry.resolve(ROOT))
                    && Files.readString(marker, StandardCharsets.UTF_8).equals(revision)) {
                return new Artifact(revision, entry.resolve(ROOT));
            }
        } catch (IOException e) {
            // unreadable marker: treated as incomplete and fetched again
        }
        return null;
    }

    /** Keeps the newest {@code keep} complete entries of one source (by marker time) and never the one in use. */
    private void evict(Path sourceDir, Path current) {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(sourceDir)) {
            list.filter(p -> !p.equals(current) && !inFlight.containsKey(p)).forEach(entries::add);
        } catch (IOException e) {
            return;
        }
        entries.sort(Comparator.comparingLong(ArtifactCache::markerTime).reversed());
        for (int i = keep - 1; i < entries.size(); i++) {
            TarGzUnpacker.deleteTree(entries.get(i));
        }
    }

    private static long markerTime(Path entry) {
        try {
            return Files.getLastModifiedTime(entry.resolve(MARKER)).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    private static Artifact await(CompletableFuture<Artifact> running)
            throws SourceException, SourceNotReadyException {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted waiting for a download", true, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SourceException s) {
                throw s;
            }
            if (cause instanceof SourceNotReadyException s) {
                throw s;
            }
            throw new SourceException("download failed: " + cause, true, cause);
        }
    }

    private static String safe(String uid) {
        return uid == null || uid.isEmpty() ? "no-uid" : uid.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String hash(String revision) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(revision.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
