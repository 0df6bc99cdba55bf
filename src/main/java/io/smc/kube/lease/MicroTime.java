package io.smc.kube.lease;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The API's {@code MicroTime}: RFC 3339 in UTC with exactly six fraction digits, {@code 2006-01-02T15:04:05.000000Z}.
 * Leases use it for acquire and renew times; Go's parser is strict about the written form, lenient in what it
 * reads, and so is this.
 */
public final class MicroTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private MicroTime() {
    }

    /** Sub-microsecond digits are dropped, as the server would. */
    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * Reads any RFC 3339 time (any number of fraction digits, {@code Z} or an offset).
     *
     * @throws IllegalArgumentException not an RFC 3339 time
     */
    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an RFC 3339 time: " + text, e);
        }
    }
}
