package io.smc.kube.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.KubeException;
import io.smc.kube.TransportException;
import io.smc.kube.WatchEvent;
import io.smc.kube.WatchStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A watch read line by line on the caller's thread: the API server writes one JSON event per line. The lines come
 * from the HTTP body decoded as UTF-8 by a reader, so a character split across chunks arrives whole. A line that is
 * not an event, or a body that breaks off, ends the stream with a {@link TransportException} whose message never
 * quotes the line (it may hold a Secret's data).
 *
 * <p>When a body breaks off, the reader may drop whole lines it had already buffered along with the broken one.
 * Nothing is lost for the caller: it resumes watching from the resourceVersion of the last event it got.
 */
final class LineWatchStream implements WatchStream {
    private final Stream<String> lines;
    private final Iterator<String> iterator;
    private final Target target;
    private final String host;
    private final ObjectMapper mapper;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean closed;
    private volatile boolean idle;
    private IdleWatchdog.Guard guard;

    private LineWatchStream(Stream<String> lines, Target target, String host, ObjectMapper mapper) {
        this.lines = lines;
        this.iterator = lines.iterator();
        this.target = target;
        this.host = host;
        this.mapper = mapper;
    }

    /** Reads {@code lines}, ended as dead by {@code watchdog} after {@code idleLimit} without data. */
    static LineWatchStream open(Stream<String> lines, Target target, String host, ObjectMapper mapper,
            IdleWatchdog watchdog, java.time.Duration idleLimit) {
        LineWatchStream stream = new LineWatchStream(lines, target, host, mapper);
        stream.guard = watchdog.guard(idleLimit, stream::expire);
        return stream;
    }

    @Override
    public Optional<WatchEvent> next() throws KubeException {
        while (true) {
            if (idle) {
                throw silent();
            }
            if (closed) {
                return Optional.empty();
            }
            String line;
            try {
                if (!iterator.hasNext()) {
                    return end(null);
                }
                line = iterator.next();
            } catch (UncheckedIOException e) {
                return end(e);
            }
            guard.touch();
            if (!line.isBlank()) {
                return Optional.of(parse(line));
            }
        }
    }

    /**
     * The body ended, cleanly ({@code failure} null) or not. Either way, after our own {@link #close()} it is the
     * end the caller asked for.
     */
    private Optional<WatchEvent> end(UncheckedIOException failure) throws TransportException {
        boolean closedByUs = closed;
        closed = true;
        release();
        if (idle) {
            throw silent();
        }
        if (failure == null || closedByUs) {
            return Optional.empty();
        }
        throw new TransportException("watch broke off: " + target.describe() + " on " + host + ": "
                + RequestExecutor.explain(failure.getCause()), failure.getCause());
    }

    private WatchEvent parse(String line) throws TransportException {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input, so neither it nor the exception goes any further.
            throw malformed("a line that is not JSON (" + line.length() + " characters)");
        }
        JsonNode type = node.path("type");
        JsonNode object = node.path("object");
        if (!type.isTextual() || !(object instanceof ObjectNode)) {
            throw malformed("a line that is not a watch event");
        }
        try {
            return new WatchEvent(WatchEvent.Type.valueOf(type.asText()), (ObjectNode) object);
        } catch (IllegalArgumentException e) {
            throw malformed("an event of unknown type " + type.asText());
        }
    }

    private TransportException silent() {
        return new TransportException("watch went silent: " + target.describe() + " on " + host
                + " sent nothing well past its timeout", null);
    }

    private TransportException malformed(String what) {
        closed = true;
        release();
        return new TransportException("watch sent " + what + ": " + target.describe() + " on " + host, null);
    }

    /** Ends the stream; a {@link #next()} blocked in another thread returns empty. */
    @Override
    public void close() {
        closed = true;
        release();
    }

    private void expire() {
        idle = true;
        release();
    }

    // Closing the lines closes the body's input stream, which cancels the exchange and wakes a blocked reader.
    private void release() {
        if (released.compareAndSet(false, true)) {
            if (guard != null) {
                guard.cancel();
            }
            lines.close();
        }
    }
}
