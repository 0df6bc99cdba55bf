package io.smc.provider.local;

import io.smc.provider.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a store to one writer (or several readers) across processes, with a file lock, and to one open instance
 * within this process. The second rule is not a nicety: POSIX file locks belong to the process, so closing any
 * channel of the lock file, even one that never got the lock, would silently drop the lock an open instance holds.
 */
final class StoreLock implements AutoCloseable {
    static final String FILE = ".lock";
    private static final Set<Path> HELD_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits up to {@code wait} for the lock; a transient {@link StoreException} when it stays held. */
    static StoreLock acquire(Path dir, boolean shared, Duration wait) throws IOException, StoreException {
        Instant deadline = Instant.now().plus(wait);
        while (!HELD_IN_THIS_PROCESS.add(dir)) {
            pause(dir, deadline);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
                if (lock != null) {
                    return new StoreLock(dir, channel, lock);
                }
                pause(dir, deadline);
            }
        } catch (IOException | StoreException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            HELD_IN_THIS_PROCESS.remove(dir);
            throw e;
        }
    }

    private static void pause(Path dir, Instant deadline) throws StoreException {
        if (Instant.now().isAfter(deadline)) {
            throw StoreException.transientFailure("local store " + dir
                    + " is locked by another process or another open instance", null);
        }
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreException.transientFailure("interrupted while waiting for the lock of " + dir, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            HELD_IN_THIS_PROCESS.remove(dir);
        }
    }
}
