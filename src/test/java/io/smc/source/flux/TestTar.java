package io.smc.source.flux;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** A small ustar writer for tests: well-formed archives and hostile ones (links, traversal, devices, pax paths). */
public final class TestTar {
    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    public static TestTar create() {
        return new TestTar();
    }

    /** Every file and directory under {@code dir}, with paths relative to it, as Flux builds its artifacts. */
    public static byte[] ofDirectory(Path dir) {
        TestTar tar = create();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted().toList()) {
                if (path.equals(dir)) {
                    continue;
                }
                String name = dir.relativize(path).toString().replace('\\', '/');
                if (Files.isDirectory(path)) {
                    tar.dir(name);
                } else {
                    tar.file(name, Files.readAllBytes(path));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tar.gzip();
    }

    public TestTar file(String name, byte[] content) {
        return entry(name, '0', content, "");
    }

    public TestTar file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TestTar dir(String name) {
        return entry(name.endsWith("/") ? name : name + "/", '5', new byte[0], "");
    }

    TestTar symlink(String name, String target) {
        return entry(name, '2', new byte[0], target);
    }

    TestTar hardlink(String name, String target) {
        return entry(name, '1', new byte[0], target);
    }

    TestTar fifo(String name) {
        return entry(name, '6', new byte[0], "");
    }

    /** A file whose path is given by a pax {@code path} record, longer than ustar's 100+155 bytes. */
    TestTar paxFile(String path, String content) {
        String record = "path=" + path + "\n";
        int length = record.length() + 3;
        while (Integer.toString(length).length() + 1 + record.length() != length) {
            length = Integer.toString(length).length() + 1 + record.length();
        }
        entry("PaxHeaders/x", 'x', (length + " " + record).getBytes(StandardCharsets.UTF_8), "");
        return file("short-name", content);
    }

    /** A file of {@code size} zero bytes, written block by block (compresses to almost nothing). */
    TestTar zeros(String name, long size) {
        header(name, '0', size, "");
        byte[] block = new byte[64 * 1024];
        long left = (size + 511) / 512 * 512;
        while (left > 0) {
            int n = (int) Math.min(block.length, left);
            tar.write(block, 0, n);
            left -= n;
        }
        return this;
    }

    byte[] tar() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tar.toByteArray());
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    public byte[] gzip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(tar());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private TestTar entry(String name, char type, byte[] content, String link) {
        header(name, type, content.length, link);
        tar.writeBytes(content);
        tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
        return this;
    }

    private void header(String name, char type, long size, String link) {
        byte[] h = new byte[512];
        String prefix = "";
        if (name.length() > 100) {
            int slash = name.lastIndexOf('/', name.length() - 2);
            prefix = name.substring(0, slash);
            name = name.substring(slash + 1);
        }
        put(h, 0, 100, name);
        put(h, 100, 8, octal(0644, 7));
        put(h, 108, 8, octal(0, 7));
        put(h, 116, 8, octal(0, 7));
        put(h, 124, 12, octal(size, 11));
        put(h, 136, 12, octal(0, 11));
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        put(h, 345, 155, prefix);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 8, octal(sum, 6) + "\0 ");
        tar.writeBytes(h);
    }

    private static String octal(long value, int width) {
        String text = Long.toOctalString(value);
        return "0".repeat(Math.max(0, width - text.length())) + text;
    }

    private static void put(byte[] h, int offset, int length, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, h, offset, Math.min(length, bytes.length));
    }

    static List<String> tree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root))
                    .map(p -> root.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : ""))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
