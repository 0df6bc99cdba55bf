package io.smc.kube.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One open watch: the lines waiting to be written, filled by the store under its lock and drained by the request's
 * thread. Filtering happens here, as in the API server's watch cache: an object that stops matching the selector
 * arrives as DELETED, one that starts matching as ADDED.
 */
final class FakeWatch {
    /** Marks the clean end of the stream in the queue. */
    static final String END = new String("end");

    private final ObjectMapper mapper;
    private final String collection;
    private final String apiVersion;
    private final Selection selection;
    private final boolean bookmarks;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    FakeWatch(ObjectMapper mapper, String collection, String apiVersion, Selection selection, boolean bookmarks) {
        this.mapper = mapper;
        this.collection = collection;
        this.apiVersion = apiVersion;
        this.selection = selection;
        this.bookmarks = bookmarks;
    }

    String collection() {
        return collection;
    }

    String apiVersion() {
        return apiVersion;
    }

    /** A change to an object of this watch's collection: {@code before} null on create, {@code after} the result. */
    void change(String type, ObjectNode before, ObjectNode after) {
        boolean was = before != null && selection.matches(before);
        boolean is = !type.equals("DELETED") && selection.matches(after);
        if (type.equals("DELETED")) {
            if (was) {
                send("DELETED", after);
            }
        } else if (was && is) {
            send("MODIFIED", after);
        } else if (is) {
            send("ADDED", after);
        } else if (was) {
            send("DELETED", after);
        }
    }

    void bookmark(ObjectNode object) {
        if (bookmarks) {
            send("BOOKMARK", object);
        }
    }

    void error(ObjectNode status) {
        send("ERROR", status);
        end();
    }

    void end() {
        lines.add(END);
    }

    /** The next line (or {@link #END}), or null when none came within the time. */
    String poll(long nanos) throws InterruptedException {
        return lines.poll(nanos, TimeUnit.NANOSECONDS);
    }

    private void send(String type, ObjectNode object) {
        ObjectNode event = mapper.createObjectNode().put("type", type);
        event.set("object", object.deepCopy());
        try {
            lines.add(mapper.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
