package io.smc.source.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.source.SourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzUnpackerTest {
    @TempDir
    Path dir;

    private Path archive(byte[] gzip) throws Exception {
        Path file = dir.resolve("artifact.tar.gz");
        Files.write(file, gzip);
        return file;
    }

    private Path target() {
        return dir.resolve("cache").resolve("root");
    }

    @Test
    void unpacksARepositoryBuiltFromADirectory() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("svc/profiles/dev"));
        Files.writeString(repo.resolve("svc/profiles/dev/application.secrets.env"), "A=1\n");
        Files.writeString(repo.resolve("README.md"), "hello");

        TarGzUnpacker.create().unpack(archive(TestTar.ofDirectory(repo)), target());

        assertEquals(TestTar.tree(repo), TestTar.tree(target()));
        assertEquals("A=1\n", Files.readString(target().resolve("svc/profiles/dev/application.secrets.env")));
    }

    @Test
    void readsUstarPrefixAndPaxPaths() throws Exception {
        String deep = "a/".repeat(60) + "file.txt";
        String pax = "p/".repeat(150) + "pax.txt";

        TarGzUnpacker.create().unpack(archive(TestTar.create().file(deep, "deep").paxFile(pax, "pax").gzip()),
                target());

        assertEquals("deep", Files.readString(target().resolve(deep)));
        assertEquals("pax", Files.readString(target().resolve(pax)));
        assertFalse(Files.exists(target().resolve("short-name")));
    }

    @Test
    void parentSegmentsAreRefusedAndNothingIsLeftBehind() throws Exception {
        Path archive = archive(TestTar.create().file("ok.txt", "ok").file("../x", "escape").gzip());

        SourceException e = assertThrows(SourceException.class, () -> TarGzUnpacker.create().unpack(archive,
                target()));

        assertTrue(e.getMessage().contains("'../x'") && e.getMessage().contains(".."), e.getMessage());
        assertFalse(e.retryable());
        assertFalse(Files.exists(dir.resolve("x")));
        assertFalse(Files.exists(target()));
        try (Stream<Path> left = Files.list(target().getParent())) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void absolutePathsAreRefused() throws Exception {
        Path archive = archive(TestTar.create().file("/etc/x", "escape").gzip());

        SourceException e = assertThrows(SourceException.class, () -> TarGzUnpacker.create().unpack(archive,
                target()));

        assertTrue(e.getMessage().contains("absolute path"), e.getMessage());
    }

    @Test
    void symbolicAndHardLinksAreSkipped() throws Exception {
        Path archive = archive(TestTar.create().symlink("link", "/etc").file("link/passwd", "through the link")
                .hardlink("hard", "/etc/passwd").file("kept.txt", "kept").gzip());

        TarGzUnpacker.create().unpack(archive, target());

        assertEquals(List.of("kept.txt", "link/", "link/passwd"), TestTar.tree(target()));
        assertFalse(Files.isSymbolicLink(target().resolve("link")));
        assertFalse(Files.exists(target().resolve("hard")));
    }

    @Test
    void fifoEntriesAreRefused() throws Exception {
        Path archive = archive(TestTar.create().fifo("pipe").gzip());

        SourceException e = assertThrows(SourceException.class, () -> TarGzUnpacker.create().unpack(archive,
                target()));

        assertTrue(e.getMessage().contains("device or fifo"), e.getMessage());
    }

    @Test
    void decompressionBombStopsAtTheByteCap() throws Exception {
        Path archive = archive(TestTar.create().zeros("bomb", 8L * 1024 * 1024).gzip());
        assertTrue(Files.size(archive) < 64 * 1024);

        SourceException e = assertThrows(SourceException.class, () -> TarGzUnpacker.create(1024 * 1024, 100)
                .unpack(archive, target()));

        assertTrue(e.getMessage().contains("more than 1048576 bytes"), e.getMessage());
        assertFalse(Files.exists(target()));
    }

    @Test
    void tooManyEntriesStopAtTheEntryCap() throws Exception {
        TestTar tar = TestTar.create();
        for (int i = 0; i < 20; i++) {
            tar.file("f" + i, "");
        }
        Path archive = archive(tar.gzip());

        SourceException e = assertThrows(SourceException.class, () -> TarGzUnpacker.create(1024, 10)
                .unpack(archive, target()));

        assertTrue(e.getMessage().contains("more than 10 entries"), e.getMessage());
    }

    @Test
    void corruptHeaderIsRefused() throws Exception {
        byte[] tar = TestTar.create().file("a", "b").tar();
        tar[10] ^= 1;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(tar);
        }

        SourceException e = assertThrows(SourceException.class, () -> TarGzUnpacker.create()
                .unpack(archive(out.toByteArray()), target()));

        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
}
