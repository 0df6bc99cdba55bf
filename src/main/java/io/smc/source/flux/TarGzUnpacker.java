package io.smc.source.flux;

import io.smc.source.SourceException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks a {@code .tar.gz} artifact (ustar, GNU long names and pax {@code path} records) into a directory, safely.
 *
 * <p>Only regular files and directories are written. Absolute paths, {@code ..} segments and device or fifo
 * entries are refused with a {@link SourceException}. Symbolic and hard links are skipped: Flux artifacts do not
 * need them, and never creating one removes the "link then write through it" escape entirely. Caps on the total
 * unpacked bytes and on the entry count stop a decompression bomb with a clear error.
 *
 * <p>The archive is unpacked into a temporary directory next to the target and moved into place in one rename, so
 * the target either holds the whole revision or does not exist. Refusals are not retryable.
 */
public final class TarGzUnpacker {
    public static final long DEFAULT_MAX_BYTES = 1024L * 1024 * 1024;
    public static final int DEFAULT_MAX_ENTRIES = 100_000;
    private static final int BLOCK = 512;

    private final long maxBytes;
    private final int maxEntries;

    private TarGzUnpacker(long maxBytes, int maxEntries) {
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
    }

    public static TarGzUnpacker create() {
        return new TarGzUnpacker(DEFAULT_MAX_BYTES, DEFAULT_MAX_ENTRIES);
    }

    public static TarGzUnpacker create(long maxBytes, int maxEntries) {
        if (maxBytes <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("caps must be positive");
        }
        return new TarGzUnpacker(maxBytes, maxEntries);
    }

    /** Unpacks {@code archive} into {@code target}, which must not exist yet; returns the entries written. */
    public int unpack(Path archive, Path target) throws SourceException {
        Path parent = target.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            Files.createDirectories(parent);
            temporary = Files.createTempDirectory(parent, ".unpack-");
            int written;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 64 * 1024)) {
                written = extract(in, temporary);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target);
            }
            temporary = null;
            return written;
        } catch (FileAlreadyExistsException e) {
            throw new SourceException("cannot unpack into " + target + ": it already exists", true, e);
        } catch (IOException e) {
            throw new SourceException("cannot unpack " + archive.getFileName() + ": " + e.getMessage(), true, e);
        } finally {
            if (temporary != null) {
                deleteTree(temporary);
            }
        }
    }

    private int extract(InputStream in, Path root) throws IOException, SourceException {
        byte[] header = new byte[BLOCK];
        long total = 0;
        int entries = 0;
        String longName = null;
        Map<String, String> pax = new HashMap<>();
        Map<String, String> globalPax = new HashMap<>();
        while (true) {
            if (!readBlock(in, header)) {
                return entries;
            }
            if (allZero(header)) {
                return entries;
            }
            verifyChecksum(header);
            char type = (char) header[156];
            long size = octal(header, 124, 12);
            if (size < 0) {
                throw refusal("an entry has an invalid size");
            }
            if (type == 'x' || type == 'g' || type == 'L') {
                if (size > 1024 * 1024) {
                    throw refusal("an extended header is over 1 MiB");
                }
                byte[] data = readData(in, size);
                if (type == 'L') {
                    longName = trimNul(new String(data, StandardCharsets.UTF_8));
                } else {
                    parsePax(data, type == 'x' ? pax : globalPax);
                }
                continue;
            }
            String name = pax.containsKey("path") ? pax.get("path")
                    : globalPax.containsKey("path") ? globalPax.get("path")
                    : longName != null ? longName : ustarName(header);
            if (pax.containsKey("size")) {
                size = Long.parseLong(pax.get("size"));
            }
            pax.clear();
            longName = null;
            if (++entries > maxEntries) {
                throw refusal("the archive has more than " + maxEntries + " entries");
            }
            switch (type) {
                case '0', '\0', '7' -> {
                    Path file = resolve(root, name);
                    if (file.equals(root)) {
                        throw refusal("a file entry has an empty path");
                    }
                    total += size;
                    if (total > maxBytes) {
                        throw refusal("the archive unpacks to more than " + maxBytes + " bytes");
                    }
                    Files.createDirectories(file.getParent());
                    try (OutputStream out = Files.newOutputStream(file)) {
                        copy(in, out, size);
                    }
                    skipPadding(in, size);
                }
                case '5' -> {
                    Files.createDirectories(resolve(root, name));
                    skip(in, padded(size));
                }
                case '1', '2' -> {
                    // links are skipped: see the class comment
                    resolve(root, name);
                    skip(in, padded(size));
                }
                case '3', '4', '6' -> throw refusal("entry '" + name + "' is a device or fifo");
                default -> throw refusal("entry '" + name + "' has unsupported type '" + type + "'");
            }
        }
    }

    /** The entry's path under root; absolute paths and {@code ..} segments are refused. */
    private static Path resolve(Path root, String name) throws SourceException {
        String path = name;
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            throw refusal("entry '" + name + "' has an absolute path");
        }
        Path resolved = root;
        for (String segment : path.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw refusal("entry '" + name + "' leaves the archive with '..'");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.indexOf('\0') >= 0) {
                throw refusal("entry '" + name + "' has a NUL in its path");
            }
            resolved = resolved.resolve(segment);
        }
        if (!resolved.normalize().startsWith(root)) {
            throw refusal("entry '" + name + "' leaves the archive");
        }
        return resolved;
    }

    private static String ustarName(byte[] header) {
        String name = string(header, 0, 100);
        boolean ustar = new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        if (ustar) {
            String prefix = string(header, 345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static void parsePax(byte[] data, Map<String, String> into) throws SourceException {
        int position = 0;
        while (position < data.length) {
            int space = indexOf(data, (byte) ' ', position);
            if (space < 0) {
                break;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, position, space - position, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw refusal("a pax record has an invalid length");
            }
            if (length <= space - position || position + length > data.length) {
                throw refusal("a pax record has an invalid length");
            }
            String record = new String(data, space + 1, position + length - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals > 0) {
                into.put(record.substring(0, equals), record.substring(equals + 1));
            }
            position += length;
        }
    }

    private static void verifyChecksum(byte[] header) throws SourceException {
        long expected = octal(header, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
        }
        if (expected != sum) {
            throw refusal("a tar header has a bad checksum (corrupt archive)");
        }
    }

    private static long octal(byte[] header, int offset, int length) {
        if ((header[offset] & 0x80) != 0) {
            // base-256: used for sizes over 8 GiB, which no artifact under the caps has
            return -1;
        }
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        for (; i < end && header[i] >= '0' && header[i] <= '7'; i++) {
            value = value * 8 + (header[i] - '0');
        }
        return value;
    }

    private static String string(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String trimNul(String text) {
        int nul = text.indexOf('\0');
        return nul < 0 ? text : text.substring(0, nul);
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, BLOCK);
        if (read == 0) {
            return false;
        }
        if (read < BLOCK) {
            throw new EOFException("the archive ends inside a header");
        }
        return true;
    }

    private static byte[] readData(InputStream in, long size) throws IOException {
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException("the archive ends inside an entry");
        }
        skipPadding(in, size);
        return data;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("the archive ends inside an entry");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        skip(in, padded(size) - size);
    }

    private static void skip(InputStream in, long count) throws IOException {
        in.skipNBytes(count);
    }

    private static SourceException refusal(String message) {
        return new SourceException("unsafe or invalid artifact: " + message, false, null);
    }

    static void deleteTree(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort; a later sweep retries
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
