package io.smc.source.argocd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.source.Artifact;
import io.smc.source.SourceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitFetcherTest {
    @TempDir
    Path temp;

    private TestRepo repo;
    private Path cache;
    private GitFetcher fetcher;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepo.init(temp.resolve("origin"));
        cache = Files.createDirectories(temp.resolve("cache"));
        fetcher = new GitFetcher(cache, TestRepo.runner(), GitFetcher.DEFAULT_KEEP);
    }

    private static String read(Artifact artifact, String file) throws Exception {
        return Files.readString(artifact.root().resolve(file));
    }

    @Test
    void fetchesABranchAndReportsItsCommit() throws Exception {
        String sha = repo.write("secrets/a.env", "A=1\n").commit("first");
        Artifact artifact = fetcher.fetch(repo.url(), "main", "", GitCredentials.NONE);
        assertEquals(sha, artifact.revision());
        assertEquals("A=1\n", read(artifact, "secrets/a.env"));
    }

    @Test
    void fetchesHeadWhenNoRevisionIsGiven() throws Exception {
        String sha = repo.write("a.env", "A=1\n").commit("first");
        assertEquals(sha, fetcher.fetch(repo.url(), null, "", GitCredentials.NONE).revision());
        assertEquals(sha, fetcher.fetch(repo.url(), "HEAD", "", GitCredentials.NONE).revision());
    }

    @Test
    void fetchesAnAnnotatedTagAsItsCommit() throws Exception {
        String tagged = repo.write("a.env", "A=tagged\n").commit("first");
        repo.tag("v1.0");
        repo.write("a.env", "A=later\n").commit("second");
        Artifact artifact = fetcher.fetch(repo.url(), "v1.0", "", GitCredentials.NONE);
        assertEquals(tagged, artifact.revision());
        assertEquals("A=tagged\n", read(artifact, "a.env"));
    }

    @Test
    void fetchesAFullCommitShaThatNoBranchPointsAtAnyMore() throws Exception {
        String old = repo.write("a.env", "A=old\n").commit("first");
        repo.write("a.env", "A=new\n").commit("second");
        Artifact artifact = fetcher.fetch(repo.url(), old, "", GitCredentials.NONE);
        assertEquals(old, artifact.revision());
        assertEquals("A=old\n", read(artifact, "a.env"));
    }

    @Test
    void picksUpANewCommitOnTheNextFetch() throws Exception {
        String first = repo.write("a.env", "A=1\n").commit("first");
        Artifact before = fetcher.fetch(repo.url(), "main", "", GitCredentials.NONE);
        String second = repo.write("a.env", "A=2\n").commit("second");
        Artifact after = fetcher.fetch(repo.url(), "main", "", GitCredentials.NONE);
        assertEquals(first, before.revision());
        assertEquals(second, after.revision());
        assertNotEquals(before.root(), after.root());
        assertEquals("A=1\n", read(before, "a.env"));
        assertEquals("A=2\n", read(after, "a.env"));
    }

    @Test
    void fetchesAnotherBranchThanTheDefault() throws Exception {
        repo.write("a.env", "A=main\n").commit("first");
        repo.branch("prod");
        String prod = repo.write("a.env", "A=prod\n").commit("prod");
        repo.checkout("main");
        Artifact artifact = fetcher.fetch(repo.url(), "prod", "", GitCredentials.NONE);
        assertEquals(prod, artifact.revision());
        assertEquals("A=prod\n", read(artifact, "a.env"));
    }

    @Test
    void rootsTheArtifactAtTheApplicationsPath() throws Exception {
        repo.write("envs/prod/profiles/app.env", "A=1\n").write("other/x", "x").commit("first");
        Artifact artifact = fetcher.fetch(repo.url(), "main", "envs/prod", GitCredentials.NONE);
        assertTrue(artifact.root().endsWith(Path.of("envs", "prod")));
        assertEquals("A=1\n", read(artifact, "profiles/app.env"));
    }

    @Test
    void refusesAPathThatLeavesTheTree() throws Exception {
        repo.write("a.env", "A=1\n").commit("first");
        SourceException e = assertThrows(SourceException.class,
                () -> fetcher.fetch(repo.url(), "main", "../../..", GitCredentials.NONE));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("leaves the repository"), e.getMessage());
    }

    @Test
    void refusesAPathThatIsALinkOutOfTheTree() throws Exception {
        repo.write("a.env", "A=1\n").symlink("escape", "../../..").symlink("inside", "sub")
                .write("sub/b.env", "B=1\n").commit("first");
        Artifact artifact = fetcher.fetch(repo.url(), "main", "", GitCredentials.NONE);
        assertFalse(Files.exists(artifact.root().resolve("escape"), LinkOption.NOFOLLOW_LINKS),
                "a link out of the tree is skipped");
        assertEquals("B=1\n", read(artifact, "inside/b.env"), "a link inside the tree stays");
        SourceException e = assertThrows(SourceException.class,
                () -> fetcher.fetch(repo.url(), "main", "escape", GitCredentials.NONE));
        assertFalse(e.retryable());
    }

    @Test
    void aMissingPathIsAClearRefusal() throws Exception {
        repo.write("a.env", "A=1\n").commit("first");
        SourceException e = assertThrows(SourceException.class,
                () -> fetcher.fetch(repo.url(), "main", "nope", GitCredentials.NONE));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("not a directory"), e.getMessage());
    }

    @Test
    void concurrentFetchesOfOneRepositorySerialiseAndAgree() throws Exception {
        String sha = repo.write("a.env", "A=1\n").write("b/c.env", "C=1\n").commit("first");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Artifact>> tasks = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                tasks.add(() -> fetcher.fetch(repo.url(), "main", "", GitCredentials.NONE));
            }
            Set<Path> roots = new java.util.HashSet<>();
            for (Future<Artifact> future : pool.invokeAll(tasks)) {
                Artifact artifact = future.get();
                assertEquals(sha, artifact.revision());
                assertEquals("C=1\n", read(artifact, "b/c.env"));
                roots.add(artifact.root());
            }
            assertEquals(1, roots.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, commitDirectories().size());
        assertEquals("A=1\n", Files.readString(commitDirectories().get(0).resolve("a.env")));
    }

    @Test
    void redoesAMaterialisationWhoseMarkerIsMissing() throws Exception {
        repo.write("a.env", "A=1\n").write("b.env", "B=1\n").commit("first");
        Artifact artifact = fetcher.fetch(repo.url(), "main", "", GitCredentials.NONE);
        Path marker = artifact.root().resolveSibling(artifact.revision() + ".complete");
        assertTrue(Files.isRegularFile(marker));
        Files.delete(marker);
        Files.delete(artifact.root().resolve("b.env")); // as if a crash cut the copy short
        Artifact again = fetcher.fetch(repo.url(), "main", "", GitCredentials.NONE);
        assertEquals("B=1\n", read(again, "b.env"));
        assertTrue(Files.isRegularFile(marker));
    }

    @Test
    void keepsOnlyTheNewestCommitsOfARepository() throws Exception {
        GitFetcher keepTwo = new GitFetcher(cache, TestRepo.runner(), 2);
        List<String> shas = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            shas.add(repo.write("a.env", "A=" + i + "\n").commit("commit " + i));
            keepTwo.fetch(repo.url(), "main", "", GitCredentials.NONE);
        }
        Set<String> kept = commitDirectories().stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toSet());
        assertEquals(Set.of(shas.get(2), shas.get(3)), kept);
    }

    @Test
    void anUnknownRevisionIsAClearNonRetryableFailure() throws Exception {
        repo.write("a.env", "A=1\n").commit("first");
        SourceException e = assertThrows(SourceException.class,
                () -> fetcher.fetch(repo.url(), "no-such-branch", "", GitCredentials.NONE));
        assertTrue(e.getMessage().contains("no-such-branch"), e.getMessage());
        assertTrue(e.getMessage().contains("couldn't find remote ref"), e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void revisionsThatAreOptionsOrRefspecsAreRefused() throws Exception {
        repo.write("a.env", "A=1\n").commit("first");
        for (String bad : List.of("--upload-pack=touch /tmp/x", "main:refs/heads/other", "+main", "main extra")) {
            SourceException e = assertThrows(SourceException.class,
                    () -> fetcher.fetch(repo.url(), bad, "", GitCredentials.NONE), bad);
            assertTrue(e.getMessage().startsWith("invalid Git revision"), e.getMessage());
            assertFalse(e.retryable());
        }
    }

    @Test
    void anUnreachableUrlFailsWithoutItsUserinfo() {
        SourceException e = assertThrows(SourceException.class, () -> fetcher.fetch(
                "https://alice:hunter2-secret@127.0.0.1:1/repo.git", "main", "", GitCredentials.NONE));
        assertFalse(e.getMessage().contains("hunter2-secret"), e.getMessage());
        assertFalse(e.getMessage().contains("alice"), e.getMessage());
        assertTrue(e.getMessage().contains("https://127.0.0.1:1/repo.git"), e.getMessage());
        assertTrue(e.retryable(), e.getMessage());
    }

    @Test
    void fileUrlsAreRefusedUnlessAllowed() throws Exception {
        repo.write("a.env", "A=1\n").commit("first");
        GitFetcher defaults = new GitFetcher(cache, GitRunner.create(Duration.ofSeconds(60)), 3);
        SourceException e = assertThrows(SourceException.class,
                () -> defaults.fetch(repo.url(), "main", "", GitCredentials.NONE));
        assertTrue(e.getMessage().contains("transport 'file' not allowed"), e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void theRepositoryCacheIsKeyedByUrl() throws Exception {
        repo.write("a.env", "A=1\n").commit("first");
        TestRepo other = TestRepo.init(temp.resolve("other"));
        other.write("a.env", "A=other\n").commit("first");
        Artifact one = fetcher.fetch(repo.url(), "main", "", GitCredentials.NONE);
        Artifact two = fetcher.fetch(other.url(), "main", "", GitCredentials.NONE);
        assertEquals("A=1\n", read(one, "a.env"));
        assertEquals("A=other\n", read(two, "a.env"));
        assertNotEquals(one.root().getParent().getParent(), two.root().getParent().getParent());
    }

    private List<Path> commitDirectories() throws Exception {
        try (Stream<Path> repos = Files.list(cache)) {
            List<Path> result = new ArrayList<>();
            for (Path repository : repos.toList()) {
                try (Stream<Path> entries = Files.list(repository.resolve("commits"))) {
                    entries.filter(Files::isDirectory).forEach(result::add);
                }
            }
            return result;
        }
    }
}
