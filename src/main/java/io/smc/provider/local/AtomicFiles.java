package io.smc.provider.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whole-file replacement that a crash cannot tear: the bytes go to a hidden temporary file in the same directory,
 * are forced to disk, and the temporary file is renamed over the target (an atomic step on POSIX file systems);
 * then the directory is forced so the rename itself survives a power loss. A reader sees the old file or the new
 * one, never a mix.
 */
final class AtomicFiles {
    static final String TEMP_MARK = ".tmp-";

    /** Called between the durable temporary write and the rename: where a test makes the process "die". */
    interface BeforeRename {
        BeforeRename NONE = target -> { };

        void check(Path target) throws IOException;
    }

    private final BeforeRename beforeRename;

    AtomicFiles(BeforeRename beforeRename) {
        this.beforeRename = beforeRename;
    }

    void write(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + TEMP_MARK
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            beforeRename.check(target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory(target.getParent());
    }

    /** Makes a directory's entries (a rename, a new file) durable. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
