package io.smc.source.argocd;

import io.smc.source.Artifact;
import io.smc.source.SourceException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fetches one revision of a Git repository with the {@code git} CLI and materialises its files.
 *
 * <p>Cache layout under the root, one directory per repository named by a hash of its URL:
 * {@code <hash>/git} (a bare repository, shallow-fetched into), {@code <hash>/commits/<sha>} (a commit's files) with
 * the completion marker {@code <hash>/commits/<sha>.complete}, and {@code <hash>/tmp} for trees being written. A
 * commit directory without its marker is a partial materialisation and is redone. Fetches of one repository are
 * serialised by a lock (within this process; one controller owns a cache root); different repositories proceed in
 * parallel. After each fetch only the {@code keep} most recently used commits of the repository stay; a caller still
 * reading an evicted commit's files may see them vanish, so {@code keep} must cover the commits in use at once.
 *
 * <p>Symbolic links that are absolute or point outside the commit's tree are removed, so no reader can be led out of
 * it.
 */
public final class GitFetcher {
    public static final int DEFAULT_KEEP = 3;

    private static final System.Logger LOGGER = System.getLogger(GitFetcher.class.getName());
    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern HTTP_USERINFO = Pattern.compile("(https?://)([^/@]*)@(.*)", Pattern.DOTALL);
    private static final String MARKER = ".complete";

    private final Path root;
    private final GitRunner git;
    private final int keep;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public GitFetcher(Path root, GitRunner git, int keep) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.git = Objects.requireNonNull(git, "git");
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        }
        this.keep = keep;
    }

    /**
     * Fetches {@code revision} (a branch, tag, {@code HEAD} or full commit SHA) of {@code url} and returns its files.
     *
     * @param path the directory inside the repository the artifact's root is; empty for the repository root. Must
     *             stay inside the tree and exist.
     * @return the artifact: revision is the commit SHA, root the {@code path} directory of that commit's files
     * @throws SourceException the fetch or checkout failed (message without URL userinfo or credentials;
     *                         retryable for network trouble and timeouts), or {@code path} is unusable
     */
    public Artifact fetch(String url, String revision, String path, GitCredentials credentials)
            throws SourceException {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(credentials, "credentials");
        Matcher userinfo = HTTP_USERINFO.matcher(url);
        if (userinfo.matches() && userinfo.group(2).contains(":")) {
            // A password in the URL would put it in git's argv (visible in ps): hand it over through askpass.
            String[] parts = userinfo.group(2).split(":", 2);
            if (credentials instanceof GitCredentials.None) {
                credentials = new GitCredentials.Https(decode(parts[0]),
                        decode(parts[1]).getBytes(StandardCharsets.UTF_8));
            }
            url = userinfo.group(1) + userinfo.group(3);
        }
        String shownUrl = GitRunner.redact(url, credentials);
        if (url.isBlank() || url.startsWith("-")) {
            throw new SourceException("invalid Git URL " + shownUrl, false, null);
        }
        String rev = revision == null || revision.isBlank() ? "HEAD" : revision.strip();
        if (rev.startsWith("-") || rev.startsWith("+") || rev.contains(":") || rev.chars().anyMatch(c -> c <= ' ')) {
            // One plain ref or commit: no options, no refspecs writing into the cache's refs.
            throw new SourceException("invalid Git revision " + rev, false, null);
        }
        String key = hash(url);
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted waiting for the cache of " + shownUrl, true, null);
        }
        try {
            Path repository = root.resolve(key);
            Path gitDir = repository.resolve("git");
            ensureRepository(gitDir, shownUrl);
            String sha = fetchCommit(gitDir, url, shownUrl, rev, credentials);
            Path tree = materialise(repository, gitDir, sha, shownUrl);
            evict(repository, sha);
            return new Artifact(sha, resolvePath(tree, path == null ? "" : path, shownUrl, sha));
        } finally {
            lock.unlock();
        }
    }

    private void ensureRepository(Path gitDir, String shownUrl) throws SourceException {
        if (Files.isRegularFile(gitDir.resolve("HEAD"))) {
            return;
        }
        try {
            GitRunner.deleteTree(gitDir);
            Files.createDirectories(gitDir.getParent());
        } catch (IOException | RuntimeException e) {
            throw new SourceException("cannot prepare the cache of " + shownUrl, true, e);
        }
        git.run("git init for " + shownUrl, GitCredentials.NONE, Map.of(),
                List.of("init", "--bare", "-q", gitDir.toString()));
    }

    private String fetchCommit(Path gitDir, String url, String shownUrl, String rev, GitCredentials credentials)
            throws SourceException {
        String gitDirArg = "--git-dir=" + gitDir;
        if (FULL_SHA.matcher(rev).matches()) {
            GitRunner.Result present = git.runAllowingFailure("git cat-file", GitCredentials.NONE, Map.of(),
                    List.of(gitDirArg, "cat-file", "-e", rev + "^{commit}"));
            if (present.exitCode() == 0) {
                return rev;
            }
        }
        LOGGER.log(System.Logger.Level.DEBUG, "fetching {0} at {1}", shownUrl, rev);
        git.run("git fetch of " + rev + " from " + shownUrl, credentials, Map.of(),
                List.of(gitDirArg, "fetch", "--depth", "1", "--no-tags", "--quiet", "--", url, rev));
        String sha = git.run("git rev-parse of FETCH_HEAD", GitCredentials.NONE, Map.of(),
                List.of(gitDirArg, "rev-parse", "--verify", "--end-of-options", "FETCH_HEAD^{commit}"))
                .stdout().strip();
        if (!FULL_SHA.matcher(sha).matches()) {
            throw new SourceException("git rev-parse of FETCH_HEAD for " + shownUrl + " gave no commit", true, null);
        }
        return sha;
    }

    private Path materialise(Path repository, Path gitDir, String sha, String shownUrl) throws SourceException {
        Path commits = repository.resolve("commits");
        Path tree = commits.resolve(sha);
        Path marker = commits.resolve(sha + MARKER);
        try {
            if (Files.isRegularFile(marker) && Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
                Files.setLastModifiedTime(marker, FileTime.from(Instant.now()));
                return tree;
            }
            Files.deleteIfExists(marker);
            GitRunner.deleteTree(tree);
            Path tmpRoot = repository.resolve("tmp");
            GitRunner.deleteTree(tmpRoot); // leftovers of a crashed run; we hold the repository's lock
            Files.createDirectories(tmpRoot);
            Files.createDirectories(commits);
            Path work = Files.createTempDirectory(tmpRoot, sha.substring(0, 12) + "-");
            Path index = tmpRoot.resolve(work.getFileName() + ".index");
            git.run("git checkout of " + sha + " from " + shownUrl, GitCredentials.NONE,
                    Map.of("GIT_INDEX_FILE", index.toString()),
                    List.of("--git-dir=" + gitDir, "--work-tree=" + work, "checkout", "-q", sha, "--", "."));
            Files.deleteIfExists(index);
            removeEscapingLinks(work);
            Files.move(work, tree, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(marker, sha + "\n", StandardCharsets.UTF_8);
            return tree;
        } catch (IOException | RuntimeException e) {
            throw new SourceException("cannot write the files of " + sha + " from " + shownUrl + " ("
                    + e.getClass().getSimpleName() + ")", true, e);
        }
    }

    private static void removeEscapingLinks(Path work) throws IOException {
        Path base = work.toAbsolutePath().normalize();
        List<Path> links = new ArrayList<>();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isSymbolicLink()) {
                    links.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path link : links) {
            Path target = Files.readSymbolicLink(link);
            if (target.isAbsolute() || !link.getParent().resolve(target).normalize().startsWith(base)) {
                LOGGER.log(System.Logger.Level.WARNING, "skipping symbolic link {0}: it points outside the tree",
                        base.relativize(link));
                Files.delete(link);
            }
        }
    }

    private void evict(Path repository, String current) {
        Path commits = repository.resolve("commits");
        try (Stream<Path> markers = Files.list(commits)) {
            List<Path> complete = markers.filter(p -> p.getFileName().toString().endsWith(MARKER))
                    .sorted(Comparator.comparing(GitFetcher::modified).reversed()).toList();
            int kept = 0;
            for (Path marker : complete) {
                String sha = marker.getFileName().toString().replace(MARKER, "");
                if (sha.equals(current) || kept < keep - 1) {
                    kept += sha.equals(current) ? 0 : 1;
                    continue;
                }
                Files.delete(marker);
                GitRunner.deleteTree(commits.resolve(sha));
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING, "cannot evict old commits under {0}: {1}", repository,
                    e.getClass().getSimpleName());
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static Path resolvePath(Path tree, String path, String shownUrl, String sha) throws SourceException {
        String relative = path.strip();
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        Path base = tree.toAbsolutePath().normalize();
        Path resolved = base.resolve(relative).normalize();
        String where = "path '" + path + "' of " + shownUrl + " at " + sha;
        if (!resolved.startsWith(base)) {
            throw new SourceException(where + " leaves the repository", false, null);
        }
        try {
            if (!Files.isDirectory(resolved)) {
                throw new SourceException(where + " is not a directory in that revision", false, null);
            }
            if (!resolved.toRealPath().startsWith(base.toRealPath())) {
                throw new SourceException(where + " leaves the repository", false, null);
            }
        } catch (IOException e) {
            throw new SourceException("cannot read " + where, true, e);
        }
        return resolved;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static String hash(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
