package io.smc.kube.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Writes one watch's lines to its chunked body, one flush a line, misbehaving as its {@link WatchFault} says. */
final class WatchWriter {
    private static final String NOT_JSON_LINE = "this line is not JSON";

    /** Leaving a handler by an exception makes the HTTP server drop the connection without the last chunk. */
    static final class CutOff extends IOException {
        CutOff() {
            super("watch cut off mid-line, as asked", null);
        }
    }

    private WatchWriter() {
    }

    /** Writes until the watch's timeout ({@code timeoutNanos}, 0 for none), its end, or a fault. */
    static void write(OutputStream out, FakeWatch watch, WatchFault fault, long timeoutNanos)
            throws IOException, InterruptedException {
        if (fault != null && fault.kind() == WatchFault.Kind.CLOSE_CLEANLY) {
            return;
        }
        if (fault != null && fault.kind() == WatchFault.Kind.STALL) {
            while (watch.poll(TimeUnit.SECONDS.toNanos(1)) != FakeWatch.END) {
                // silent until the test or the server ends it
            }
            return;
        }
        stream(out, watch, fault, timeoutNanos);
    }

    /** Writes the watch's lines until its timeout, its end, or a fault. */
    private static void stream(OutputStream out, FakeWatch watch, WatchFault fault, long timeoutNanos)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        int sent = 0;
        boolean notJsonSent = false;
        while (true) {
            if (fault != null && fault.kind() == WatchFault.Kind.NOT_JSON_LINE && !notJsonSent
                    && sent == fault.afterEvents()) {
                write(out, (NOT_JSON_LINE + "\n").getBytes(StandardCharsets.UTF_8));
                notJsonSent = true;
            }
            long remaining = timeoutNanos == 0 ? TimeUnit.SECONDS.toNanos(1) : deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            String line = watch.poll(remaining);
            if (line == null) {
                continue;
            }
            if (line == FakeWatch.END) {
                return;
            }
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            if (fault != null && fault.kind() == WatchFault.Kind.CLOSE_MID_LINE && sent == fault.afterEvents()) {
                write(out, Arrays.copyOf(bytes, bytes.length / 2));
                throw new CutOff();
            }
            if (fault != null && fault.kind() == WatchFault.Kind.SPLIT_UTF8) {
                writeSplit(out, bytes);
            } else {
                write(out, bytes);
            }
            sent++;
        }
    }

    /** Writes {@code bytes} as two chunks, the cut falling inside the first multi-byte character. */
    private static void writeSplit(OutputStream out, byte[] bytes) throws IOException, InterruptedException {
        int cut = -1;
        for (int i = 0; i < bytes.length; i++) {
            if ((bytes[i] & 0xC0) == 0xC0) {
                cut = i + 1;
                break;
            }
        }
        if (cut < 0) {
            write(out, bytes);
            return;
        }
        write(out, Arrays.copyOf(bytes, cut));
        // A pause so that the two chunks also travel in separate packets.
        Thread.sleep(20);
        write(out, Arrays.copyOfRange(bytes, cut, bytes.length));
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }
}
