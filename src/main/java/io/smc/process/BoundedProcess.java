package io.smc.process;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external command to its end under limits: a timeout over the whole run (the process and the draining of
 * its output), and a byte cap on each of stdout and stderr. It owns start, drain, wait and kill only; what the output
 * means, and what may be said about it, stays with the caller. Output is never logged or put in an exception here:
 * it may hold credentials.
 *
 * <p>The process and all its descendants are killed when it runs past the timeout, writes past a cap that is not
 * truncated, or the calling thread is interrupted. Descendants go first: once the parent is gone they are no longer
 * found through it. A descendant that detached itself before then cannot be found; if it keeps an output open, the
 * run ends as timed out after a short grace rather than waiting for it.
 *
 * <p>Configure, then {@link #run()}; an instance is meant for one call site and is not shared between threads.
 */
public final class BoundedProcess {
    /**
     * What a run left behind. {@code exitCode} is -1 when the process could not be reaped after being killed;
     * after a kill it says nothing useful. Caps that were exceeded are reported, never hidden: {@code stdout} then
     * holds the first {@code cap} bytes only.
     */
    public record Outcome(int exitCode, byte[] stdout, byte[] stderr, boolean timedOut, boolean stdoutOverCap,
            boolean stderrOverCap) {
        /** True when the process ran to its own end within every limit, whatever its exit code. */
        public boolean completed() {
            return !timedOut && !stdoutOverCap && !stderrOverCap;
        }

        @Override
        public String toString() {
            // Sizes only: the output may be a credential.
            return "Outcome[exitCode=" + exitCode + ", stdout=" + stdout.length + " bytes, stderr=" + stderr.length
                    + " bytes, timedOut=" + timedOut + ", stdoutOverCap=" + stdoutOverCap + ", stderrOverCap="
                    + stderrOverCap + "]";
        }
    }

    /** How long a killed process and its readers get to wind down before we stop waiting for them. */
    static final Duration GRACE = Duration.ofSeconds(5);
    private static final File NULL_DEVICE = new File("/dev/null");
    /** What one buffer can hold; a larger cap is this one. */
    private static final long MAX_CAP = Integer.MAX_VALUE - 8;

    private final List<String> command;
    private Path directory;
    private Map<String, String> environment = Map.of();
    private byte[] input;
    private Duration timeout = Duration.ofSeconds(60);
    private long stdoutCap = 1 << 20;
    private long stderrCap = 64 << 10;
    private boolean truncateStderr;

    private BoundedProcess(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command");
        }
        this.command = List.copyOf(command);
    }

    /** {@code argv}, with an empty environment, stdin at its end, 60 s, 1 MiB of stdout and 64 KiB of stderr. */
    public static BoundedProcess of(List<String> argv) {
        return new BoundedProcess(argv);
    }

    /** Runs in {@code directory} (null: this process's). */
    public BoundedProcess directory(Path directory) {
        this.directory = directory;
        return this;
    }

    /** The whole environment of the process: nothing of this process's is inherited. */
    public BoundedProcess environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** Bytes fed to stdin, which is then closed; null (the default) gives a stdin that is at its end at once. */
    public BoundedProcess input(byte[] input) {
        this.input = input == null ? null : input.clone();
        return this;
    }

    public BoundedProcess timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.timeout = timeout;
        return this;
    }

    /** More stdout than {@code bytes} kills the process and is reported as {@link Outcome#stdoutOverCap()}. */
    public BoundedProcess stdoutCap(long bytes) {
        this.stdoutCap = positive(bytes);
        return this;
    }

    /** More stderr than {@code bytes} kills the process and is reported as {@link Outcome#stderrOverCap()}. */
    public BoundedProcess stderrCap(long bytes) {
        this.stderrCap = positive(bytes);
        this.truncateStderr = false;
        return this;
    }

    /**
     * Stderr past {@code bytes} is read and dropped, and the process goes on: for callers that only show the first
     * lines of an error. {@link Outcome#stderrOverCap()} still says that it happened.
     */
    public BoundedProcess truncateStderrAt(long bytes) {
        this.stderrCap = positive(bytes);
        this.truncateStderr = true;
        return this;
    }

    /**
     * Runs the command to its end or to a limit.
     *
     * @throws IOException          when the process cannot be started (the executable is missing, not executable,
     *                              or the directory does not exist); nothing is left running
     * @throws InterruptedException when the calling thread is interrupted while waiting; the process tree has been
     *                              killed by then
     */
    public Outcome run() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().clear();
        builder.environment().putAll(environment);
        if (input == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(NULL_DEVICE));
        }
        Process process = builder.start();
        try {
            Drain stdout = new Drain(process.getInputStream(), stdoutCap, false, process, "process-stdout");
            Drain stderr = new Drain(process.getErrorStream(), stderrCap, truncateStderr, process, "process-stderr");
            if (input != null) {
                feed(process.getOutputStream(), input);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean finished;
            try {
                finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)
                        && stdout.awaitUntil(deadline) && stderr.awaitUntil(deadline);
            } catch (InterruptedException e) {
                killTree(process, stdout, stderr);
                throw e;
            }
            if (!finished) {
                killTree(process, stdout, stderr);
            }
            int exitCode = process.isAlive() ? -1 : process.exitValue();
            return new Outcome(exitCode, stdout.bytes(), stderr.bytes(), !finished, stdout.overCap(),
                    stderr.overCap());
        } finally {
            if (process.isAlive()) {
                // Only reached on an unexpected error: never leave the tree behind.
                killTree(process);
            }
        }
    }

    private static long positive(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("cap must be positive");
        }
        return Math.min(bytes, MAX_CAP);
    }

    /** On a thread of its own, so a process that does not read its input cannot stall us past the timeout. */
    private static void feed(OutputStream stdin, byte[] bytes) {
        Thread writer = new Thread(() -> {
            try (stdin) {
                stdin.write(bytes);
            } catch (IOException e) {
                // it exited or closed its input early; its exit status tells the rest
            }
        }, "process-stdin");
        writer.setDaemon(true);
        writer.start();
    }

    /** Kills descendants, then the process, and gives it and the readers a short grace to finish. */
    private static void killTree(Process process, Drain... drains) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        long deadline = System.nanoTime() + GRACE.toNanos();
        try {
            process.waitFor(GRACE.toNanos(), TimeUnit.NANOSECONDS);
            for (Drain drain : drains) {
                drain.awaitUntil(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a stream to its end, keeping at most {@code cap} bytes; past it, kills the process unless truncating. */
    private static final class Drain {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final Thread thread;
        private volatile boolean overCap;

        Drain(InputStream in, long cap, boolean truncate, Process owner, String name) {
            thread = new Thread(() -> {
                byte[] chunk = new byte[8192];
                try (in) {
                    int n;
                    while ((n = in.read(chunk)) >= 0) {
                        boolean first;
                        synchronized (kept) {
                            int keep = (int) Math.max(0, Math.min(n, cap - kept.size()));
                            kept.write(chunk, 0, keep);
                            first = keep < n && !overCap;
                            if (first) {
                                overCap = true;
                            }
                        }
                        if (first && !truncate) {
                            owner.descendants().forEach(ProcessHandle::destroyForcibly);
                            owner.destroyForcibly();
                        }
                        // Reading on (and dropping) lets the writers end instead of blocking on a full pipe.
                    }
                } catch (IOException e) {
                    // the stream was closed under us; what was read stays, and the run's outcome tells the rest
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        /** True when the stream reached its end by {@code deadline} ({@link System#nanoTime()}). */
        boolean awaitUntil(long deadline) throws InterruptedException {
            TimeUnit.NANOSECONDS.timedJoin(thread, deadline - System.nanoTime());
            return !thread.isAlive();
        }

        boolean overCap() {
            return overCap;
        }

        byte[] bytes() {
            synchronized (kept) {
                return kept.toByteArray();
            }
        }
    }

    @Override
    public String toString() {
        return "BoundedProcess[" + command.get(0) + "]"; // arguments may hold secrets
    }
}
