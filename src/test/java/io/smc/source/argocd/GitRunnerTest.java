package io.smc.source.argocd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.source.SourceException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRunnerTest {
    @TempDir
    Path temp;

    @Test
    void summariesKeepGitsErrorLinesWithoutUrlUserinfoOrTheCredential() {
        String stderr = """
                remote: Counting objects: 3
                fatal: unable to access 'https://bot:pw-123@git.example/repo.git/': Could not resolve host
                warning: echo pw-123
                """;
        GitCredentials credentials = new GitCredentials.Https("bot", "pw-123".getBytes(StandardCharsets.UTF_8));
        assertEquals("fatal: unable to access 'https://git.example/repo.git/': Could not resolve host",
                GitRunner.summarise(stderr, credentials));
        assertEquals("warning: echo [redacted]", GitRunner.summarise("warning: echo pw-123\n", credentials));
    }

    @Test
    void aGitRunThatHangsIsKilledAtTheTimeoutAndMayBeRetried() throws Exception {
        List<Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // never answers
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Path privateRoot = Files.createDirectories(temp.resolve("private"));
            GitFetcher fetcher = new GitFetcher(temp.resolve("cache"),
                    GitRunner.create(Duration.ofSeconds(1)).withTempRoot(privateRoot), 3);
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/repo.git";
            SourceException e = assertThrows(SourceException.class,
                    () -> fetcher.fetch(url, "main", "", GitCredentials.NONE));
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
            assertTrue(e.retryable());
            try (var left = Files.list(privateRoot)) {
                assertFalse(left.findAny().isPresent(), "private files are deleted after a timeout too");
            }
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
