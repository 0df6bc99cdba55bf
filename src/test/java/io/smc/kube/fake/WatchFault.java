package io.smc.kube.fake;

/**
 * A way the next watch misbehaves, for testing how a client reads broken streams.
 *
 * @param kind        what goes wrong
 * @param afterEvents how many whole events are sent first (for {@link Kind#CLOSE_MID_LINE} and
 *                    {@link Kind#NOT_JSON_LINE})
 */
public record WatchFault(Kind kind, int afterEvents) {
    public enum Kind {
        /** Answer 200 and end the stream at once, as a restarting server does. */
        CLOSE_CLEANLY,
        /** Send half of the next event's line, then drop the connection without ending the chunked body. */
        CLOSE_MID_LINE,
        /** Send a line that is not JSON, then go on as usual. */
        NOT_JSON_LINE,
        /** Send every line in two chunks, split inside its first multi-byte UTF-8 character. */
        SPLIT_UTF8,
        /** Answer 200, then send nothing and ignore {@code timeoutSeconds}, as over a connection that died quietly. */
        STALL
    }

    public static WatchFault closeCleanly() {
        return new WatchFault(Kind.CLOSE_CLEANLY, 0);
    }

    public static WatchFault closeMidLine(int afterEvents) {
        return new WatchFault(Kind.CLOSE_MID_LINE, afterEvents);
    }

    public static WatchFault notJsonLine(int afterEvents) {
        return new WatchFault(Kind.NOT_JSON_LINE, afterEvents);
    }

    public static WatchFault splitUtf8() {
        return new WatchFault(Kind.SPLIT_UTF8, 0);
    }

    public static WatchFault stall() {
        return new WatchFault(Kind.STALL, 0);
    }
}
