package io.smc.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every secret value of a suite carries one marker, unique to the run; everything the controller said or wrote is
 * handed here, and at the end none of it may hold the marker in any form a value could take on the way out: as is,
 * JSON-escaped (ASCII or not), or in base64 (standard or URL alphabet) at any of the three byte alignments. Findings
 * name where and which form, never the text around them, so a failing canary prints no value either.
 */
final class LeakCanary {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper ASCII_JSON = new ObjectMapper()
            .configure(JsonGenerator.Feature.ESCAPE_NON_ASCII, true);

    private final String marker = "SMC-CANARY-" + UUID.randomUUID().toString().substring(0, 8);
    private final Set<String> values = new LinkedHashSet<>();
    private final Map<String, StringBuilder> seen = new LinkedHashMap<>();

    /**
     * A value for a secret, {@code label} making it unique; the quote, slash and non-ASCII letter make its
     * JSON-escaped forms differ from it.
     */
    String value(String label) {
        String value = marker + "-" + label + "-\u00fc/\"q";
        values.add(value);
        return value;
    }

    /** A value safe in files that do not quote (dotenv, properties): no quote, still a non-ASCII letter. */
    String plainValue(String label) {
        String value = marker + "-" + label + "-\u00fc";
        values.add(value);
        return value;
    }

    /** Something the controller printed, served or wrote, under a name that says where it came from. */
    synchronized void saw(String where, CharSequence text) {
        seen.computeIfAbsent(where, w -> new StringBuilder()).append(text).append('\n');
    }

    /** Whether anything seen holds {@code text}: a name, say, to show the scan reads real output. */
    synchronized boolean sawText(String text) {
        return seen.values().stream().anyMatch(said -> said.indexOf(text) >= 0);
    }

    /** Every place and form the marker was found in; empty when nothing leaked. */
    synchronized List<String> findings() {
        Map<String, String> forms = forms();
        List<String> findings = new ArrayList<>();
        seen.forEach((where, text) -> forms.forEach((form, needle) -> {
            if (text.indexOf(needle) >= 0) {
                findings.add(form + " in " + where);
            }
        }));
        return findings;
    }

    /** Whether {@code text} (the suite's own reading, not the controller's output) holds the marker. */
    boolean marks(String text) {
        return text.contains(marker);
    }

    private Map<String, String> forms() {
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("the marker", marker);
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = ("ab".substring(0, offset) + marker).getBytes(StandardCharsets.UTF_8);
            String standard = Base64.getEncoder().encodeToString(shifted);
            // Only the groups of four made of marker bytes alone appear whatever surrounds the marker.
            int from = offset == 0 ? 0 : 4;
            int to = 4 * (shifted.length / 3);
            forms.put("the marker in base64 at offset " + offset, standard.substring(from, to));
            forms.put("the marker in URL-safe base64 at offset " + offset,
                    Base64.getUrlEncoder().encodeToString(shifted).substring(from, to));
        }
        int i = 0;
        for (String value : values) {
            i++;
            forms.put("value " + i + " JSON-escaped", unquoted(JSON, value));
            forms.put("value " + i + " JSON-escaped in ASCII", unquoted(ASCII_JSON, value));
            forms.put("value " + i + " in base64", Base64.getEncoder().encodeToString(
                    value.getBytes(StandardCharsets.UTF_8)));
        }
        return forms;
    }

    private static String unquoted(ObjectMapper mapper, String value) {
        try {
            String quoted = mapper.writeValueAsString(value);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
