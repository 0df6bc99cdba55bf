package io.smc.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class LineHandlerTest {
    /** Records what was written and which writes a flush followed; each write may arrive in pieces. */
    private static final class RecordingStream extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<Integer> flushedAt = new ArrayList<>();
        private boolean closed;

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // One byte at a time, so that writes left unguarded would interleave.
            for (int i = off; i < off + len; i++) {
                bytes.write(b[i]);
                Thread.yield();
            }
        }

        @Override
        public void flush() {
            flushedAt.add(bytes.size());
        }

        @Override
        public void close() {
            closed = true;
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void writesEachRecordAsOneLineAndFlushesItAtOnce() {
        RecordingStream out = new RecordingStream();
        LineHandler handler = new LineHandler(out, new TextLineFormatter(), Level.INFO);

        handler.publish(Records.structured(Level.INFO, "x", "first"));
        int afterFirst = out.bytes.size();
        handler.publish(Records.structured(Level.WARNING, "x", "second"));

        assertEquals(List.of(afterFirst, out.bytes.size()), out.flushedAt);
        String[] lines = out.text().split("\n", -1);
        assertEquals(3, lines.length, out.text());
        assertTrue(lines[0].endsWith("msg=first"), lines[0]);
        assertTrue(lines[1].endsWith("msg=second"), lines[1]);
        assertEquals("", lines[2]);
    }

    @Test
    void dropsRecordsBelowItsLevel() {
        RecordingStream out = new RecordingStream();
        LineHandler handler = new LineHandler(out, new JsonLineFormatter(), Level.INFO);

        handler.publish(Records.structured(Level.FINE, "x", "debug line"));
        handler.publish(Records.structured(Level.INFO, "x", "info line"));

        assertFalse(out.text().contains("debug line"), out.text());
        assertTrue(out.text().contains("info line"), out.text());
    }

    @Test
    void writesUtf8WhateverThePlatformCharset() {
        RecordingStream out = new RecordingStream();
        new LineHandler(out, new TextLineFormatter(), Level.INFO)
                .publish(Records.structured(Level.INFO, "x", "m", "name", "日本語-\uD83D\uDE00"));

        assertTrue(out.text().contains(" name=日本語-\uD83D\uDE00\n"), out.text());
    }

    @Test
    void linesFromConcurrentThreadsNeverInterleave() throws InterruptedException {
        RecordingStream out = new RecordingStream();
        LineHandler handler = new LineHandler(out, new JsonLineFormatter(), Level.INFO);
        int threads = 4;
        int perThread = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    handler.publish(Records.structured(Level.INFO, "x", "concurrent", "thread", thread, "i", i));
                }
            }));
        }
        writers.forEach(Thread::start);
        start.countDown();
        for (Thread writer : writers) {
            writer.join();
        }

        Set<String> seen = new HashSet<>();
        String[] lines = out.text().split("\n");
        assertEquals(threads * perThread, lines.length);
        for (String line : lines) {
            var parsed = JsonLineFormatterTest.parse(line);
            seen.add(parsed.get("thread").intValue() + "/" + parsed.get("i").intValue());
        }
        assertEquals(threads * perThread, seen.size());
    }

    @Test
    void closingFlushesButLeavesTheStreamOpen() {
        RecordingStream out = new RecordingStream();
        LineHandler handler = new LineHandler(out, new TextLineFormatter(), Level.INFO);

        handler.close();

        assertEquals(1, out.flushedAt.size());
        assertFalse(out.closed);
    }
}
