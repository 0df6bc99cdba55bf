package io.smc.source.argocd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.smc.source.SourceException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialPlumbingTest {
    private static final String TOKEN = "tok-7f3a9c-never-printed";
    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key-9d2e\n"
            + "-----END OPENSSH PRIVATE KEY-----";

    @TempDir
    Path temp;

    private final List<GitRunner.Invocation> invocations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
    private final Logger logger = Logger.getLogger("io.smc.source.argocd");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            Object[] parameters = record.getParameters();
            if (parameters != null) {
                message = java.text.MessageFormat.format(message, parameters);
            }
            logLines.add(message);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Path privateRoot;
    private GitFetcher fetcher;
    private Level previousLevel;

    @BeforeEach
    void setUp() throws Exception {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
        privateRoot = Files.createDirectories(temp.resolve("private"));
        fetcher = new GitFetcher(Files.createDirectories(temp.resolve("cache")),
                GitRunner.create(Duration.ofSeconds(60)).withTempRoot(privateRoot).withObserver(invocations::add), 3);
    }

    @AfterEach
    void tearDown() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }

    @Test
    void httpsCredentialsReachGitOnlyThroughAskpass() throws Exception {
        List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = unauthorizedServer(authorizations);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/org/repo.git";
            GitCredentials credentials = new GitCredentials.Https("bot", TOKEN.getBytes(StandardCharsets.UTF_8));

            SourceException e = assertThrows(SourceException.class,
                    () -> fetcher.fetch(url, "main", "", credentials));

            String expected = "Basic " + Base64.getEncoder()
                    .encodeToString(("bot:" + TOKEN).getBytes(StandardCharsets.UTF_8));
            assertTrue(authorizations.contains(expected),
                    "git asked the askpass program and sent what it printed; saw " + authorizations.size());
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
            assertTrue(e.getMessage().contains("Authentication failed"), e.getMessage());
            assertFalse(e.retryable());
            assertNoSecretIn(TOKEN);
            GitRunner.Invocation fetch = fetchInvocation();
            assertNotNull(fetch.environment().get("GIT_ASKPASS"));
            assertEquals("0", fetch.environment().get("GIT_TERMINAL_PROMPT"));
            assertEquals("1", fetch.environment().get("GIT_CONFIG_NOSYSTEM"));
            assertTrue(fetch.environment().get("HOME").startsWith(privateRoot.toString()));
            assertPrivateFilesDeleted();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aPasswordInTheUrlMovesToAskpassAndOutOfArgv() throws Exception {
        List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = unauthorizedServer(authorizations);
        try {
            String url = "http://bot:" + TOKEN + "@127.0.0.1:" + server.getAddress().getPort() + "/org/repo.git";
            SourceException e = assertThrows(SourceException.class,
                    () -> fetcher.fetch(url, "main", "", GitCredentials.NONE));
            assertTrue(authorizations.contains("Basic " + Base64.getEncoder()
                    .encodeToString(("bot:" + TOKEN).getBytes(StandardCharsets.UTF_8))), authorizations.toString());
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
            assertNoSecretIn(TOKEN);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anHttpsTokenInTheUrlNeverReachesMessagesOrLogs() {
        String url = "https://bot:" + TOKEN + "@127.0.0.1:1/org/repo.git";
        SourceException e = assertThrows(SourceException.class,
                () -> fetcher.fetch(url, "main", "", GitCredentials.NONE));
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertTrue(logLines.stream().noneMatch(line -> line.contains(TOKEN)), logLines.toString());
    }

    @Test
    void sshKeysGoThroughAPrivateFileAndCheckHostKeys() throws Exception {
        List<String> seen = new ArrayList<>();
        GitFetcher inspecting = new GitFetcher(temp.resolve("cache2"),
                GitRunner.create(Duration.ofSeconds(60)).withTempRoot(privateRoot).withObserver(invocation -> {
                    invocations.add(invocation);
                    if (invocation.command().contains("fetch")) {
                        seen.addAll(inspectSsh(invocation.environment().get("GIT_SSH_COMMAND")));
                    }
                }), 3);
        GitCredentials credentials = new GitCredentials.Ssh(KEY.getBytes(StandardCharsets.UTF_8),
                "127.0.0.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITest\n", false);

        assertThrows(SourceException.class,
                () -> inspecting.fetch("ssh://git@127.0.0.1:1/org/repo.git", "main", "", credentials));

        assertEquals(List.of("rw-------", KEY + "\n", "127.0.0.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITest\n"),
                seen);
        String command = fetchInvocation().environment().get("GIT_SSH_COMMAND");
        assertTrue(command.contains("-o IdentitiesOnly=yes"), command);
        assertTrue(command.contains("-o StrictHostKeyChecking=yes"), command);
        assertFalse(command.contains("StrictHostKeyChecking=no"), command);
        assertNoSecretIn("not-a-real-key-9d2e");
        assertPrivateFilesDeleted();
    }

    @Test
    void hostKeyCheckingIsOffOnlyWhenOptedIn() {
        GitCredentials credentials = new GitCredentials.Ssh(KEY.getBytes(StandardCharsets.UTF_8), "", true);
        assertThrows(SourceException.class,
                () -> fetcher.fetch("ssh://git@127.0.0.1:1/org/repo.git", "main", "", credentials));
        String command = fetchInvocation().environment().get("GIT_SSH_COMMAND");
        assertTrue(command.contains("-o StrictHostKeyChecking=no"), command);
    }

    private static final Pattern SSH_FILES = Pattern.compile("-i '([^']+)'.*UserKnownHostsFile='([^']+)'");

    private static List<String> inspectSsh(String command) {
        Matcher matcher = SSH_FILES.matcher(command);
        assertTrue(matcher.find(), command);
        try {
            Path key = Path.of(matcher.group(1));
            return List.of(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)),
                    Files.readString(key), Files.readString(Path.of(matcher.group(2))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private GitRunner.Invocation fetchInvocation() {
        return invocations.stream().filter(i -> i.command().contains("fetch")).findFirst().orElseThrow();
    }

    private void assertNoSecretIn(String secret) {
        assertFalse(invocations.isEmpty());
        for (GitRunner.Invocation invocation : invocations) {
            for (String arg : invocation.command()) {
                assertFalse(arg.contains(secret), "argv: " + invocation.command());
            }
            invocation.environment().forEach((name, value) ->
                    assertFalse(value.contains(secret), "environment variable " + name));
        }
        assertTrue(logLines.stream().noneMatch(line -> line.contains(secret)), logLines.toString());
    }

    private void assertPrivateFilesDeleted() throws Exception {
        try (Stream<Path> left = Files.list(privateRoot)) {
            assertEquals(List.of(), left.toList(), "credential files are deleted after each git run");
        }
    }
    /** A Git host that answers every request with 401 Basic, recording the Authorization headers git sends. */
    private static HttpServer unauthorizedServer(List<String> authorizations) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (authorization != null) {
                    authorizations.add(authorization);
                }
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
                exchange.sendResponseHeaders(401, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return server;
    }
}
