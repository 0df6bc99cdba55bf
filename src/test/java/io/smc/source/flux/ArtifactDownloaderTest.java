package io.smc.source.flux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.source.SourceException;
import io.smc.source.SourceNotReadyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactDownloaderTest {
    private static final String PATH = "/gitrepository/flux-system/apps/abc.tar.gz";

    @TempDir
    Path dir;

    private final ArtifactServer server = ArtifactServer.start();
    private final byte[] archive = TestTar.create().file("profiles/dev/application.secrets.env", "A=1\n").gzip();

    @AfterEach
    void stop() {
        server.close();
    }

    private FluxArtifact artifact(String digest, Long size) {
        return new FluxArtifact("uid-1", server.serve(PATH, archive), "main@sha1:abc", digest, size, null);
    }

    private ArtifactDownloader downloader() {
        return ArtifactDownloader.create(Duration.ofSeconds(5), Duration.ofSeconds(10), 1024 * 1024, Map.of());
    }

    @Test
    void downloadsAndVerifiesTheDigest() throws Exception {
        Path file = dir.resolve("a.tar.gz");

        long bytes = downloader().download(artifact(ArtifactServer.sha256(archive), (long) archive.length), file);

        assertEquals(archive.length, bytes);
        assertArrayEquals(archive, Files.readAllBytes(file));
    }

    @Test
    void wrongDigestIsARefusalAndLeavesNoFile() {
        Path file = dir.resolve("a.tar.gz");
        String wrong = ArtifactServer.sha256(new byte[] {1});

        SourceException e = assertThrows(SourceException.class, () -> downloader().download(artifact(wrong, null),
                file));

        assertTrue(e.getMessage().contains("does not match its digest"), e.getMessage());
        assertFalse(e.retryable());
        assertFalse(Files.exists(file));
    }

    @Test
    void otherDigestAlgorithmsAreRefusedByName() {
        SourceException e = assertThrows(SourceException.class, () -> downloader().download(
                artifact("sha512:00", null), dir.resolve("a.tar.gz")));

        assertTrue(e.getMessage().contains("'sha512'"), e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void truncatedBodyIsRetryable() {
        server.failNext(ArtifactServer.Fault.TRUNCATED);
        Path file = dir.resolve("a.tar.gz");

        SourceException e = assertThrows(SourceException.class, () -> downloader().download(
                artifact(ArtifactServer.sha256(archive), (long) archive.length), file));

        assertTrue(e.retryable(), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void goneRevisionMeansNotReady() {
        server.failNext(ArtifactServer.Fault.NOT_FOUND);

        SourceNotReadyException e = assertThrows(SourceNotReadyException.class, () -> downloader().download(
                artifact(ArtifactServer.sha256(archive), null), dir.resolve("a.tar.gz")));

        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }

    @Test
    void serverErrorIsRetryableAndTheRetrySucceeds() throws Exception {
        server.failNext(ArtifactServer.Fault.SERVER_ERROR);
        FluxArtifact artifact = artifact(ArtifactServer.sha256(archive), null);
        Path file = dir.resolve("a.tar.gz");

        SourceException e = assertThrows(SourceException.class, () -> downloader().download(artifact, file));
        assertTrue(e.retryable() && e.getMessage().contains("HTTP 500"), e.getMessage());

        assertEquals(archive.length, downloader().download(artifact, file));
        assertEquals(2, server.requests(PATH));
    }

    @Test
    void stalledBodyTimesOutAsRetryable() {
        server.failNext(ArtifactServer.Fault.STALL);
        ArtifactDownloader impatient = ArtifactDownloader.create(Duration.ofSeconds(5), Duration.ofMillis(300),
                1024 * 1024, Map.of());

        SourceException e = assertThrows(SourceException.class, () -> impatient.download(
                artifact(ArtifactServer.sha256(archive), null), dir.resolve("a.tar.gz")));

        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains("no data"), e.getMessage());
    }

    @Test
    void bodyOverTheCapIsRefused() {
        ArtifactDownloader small = ArtifactDownloader.create(Duration.ofSeconds(5), Duration.ofSeconds(10), 16,
                Map.of());
        Path file = dir.resolve("a.tar.gz");

        SourceException e = assertThrows(SourceException.class, () -> small.download(
                artifact(ArtifactServer.sha256(archive), null), file));

        assertTrue(e.getMessage().contains("over the cap of 16 bytes"), e.getMessage());
        assertFalse(e.retryable());
        assertFalse(Files.exists(file));
    }

    @Test
    void reportedSizeOverTheCapIsRefusedBeforeDownloading() {
        ArtifactDownloader small = ArtifactDownloader.create(Duration.ofSeconds(5), Duration.ofSeconds(10), 16,
                Map.of());

        assertThrows(SourceException.class, () -> small.download(
                artifact(ArtifactServer.sha256(archive), (long) archive.length), dir.resolve("a.tar.gz")));
        assertEquals(0, server.requests(PATH));
    }

    @Test
    void sourceControllerLocalhostRewritesHostAndPort() throws Exception {
        server.serve(PATH, archive);
        FluxArtifact inCluster = new FluxArtifact("uid-1",
                "http://source-controller.flux-system.svc.cluster.local." + PATH, "main@sha1:abc",
                ArtifactServer.sha256(archive), null, null);
        ArtifactDownloader forwarded = ArtifactDownloader.create(Duration.ofSeconds(5), Duration.ofSeconds(10),
                1024 * 1024, Map.of("SOURCE_CONTROLLER_LOCALHOST", "localhost:" + server.port()));

        assertEquals(archive.length, forwarded.download(inCluster, dir.resolve("a.tar.gz")));
        assertEquals(1, server.requests(PATH));
    }
    @Test
    void refusesAnArtifactWithoutADigestBeforeDownloadingIt() throws Exception {
        server.serve(PATH, archive);
        FluxArtifact unverifiable = new FluxArtifact("uid-1", "http://localhost:" + server.port() + PATH,
                "main@sha1:abc", null, null, null);

        SourceException e = assertThrows(SourceException.class, () -> ArtifactDownloader.create(Duration.ofSeconds(5),
                Duration.ofSeconds(10), 1024 * 1024, Map.of()).download(unverifiable, dir.resolve("a.tar.gz")));

        assertEquals(false, e.retryable());
        assertEquals(0, server.requests(PATH));
    }
}
