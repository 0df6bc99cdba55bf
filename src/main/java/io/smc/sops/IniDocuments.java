package io.smc.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The INI format as sops writes it (go-ini): {@code [section]} headers, {@code key = value} lines ({@code =} or
 * {@code :}), {@code ;}/{@code #} comments, {@code """} multi-line values, and the metadata flattened in the
 * {@code [sops]} section. A value's path is {@code section:key:}.
 */
final class IniDocuments {
    private static final String METADATA_SECTION = "sops";
    private static final String TRIPLE = "\"\"\"";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private IniDocuments() {
    }

    static SopsDocument parse(byte[] content, String source) throws SopsException {
        ObjectNode tree = NODES.objectNode();
        ObjectNode sops = NODES.objectNode();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\r?\n", -1);
        ObjectNode section = null;
        boolean inSops = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw malformed(source, i, "has an unclosed section header");
                }
                String name = line.substring(1, line.length() - 1).strip();
                inSops = name.equals(METADATA_SECTION);
                if (!inSops) {
                    if (tree.has(name)) {
                        throw malformed(source, i, "repeats a section");
                    }
                    section = tree.putObject(name);
                }
                continue;
            }
            int eq = delimiter(line);
            if (eq <= 0) {
                throw malformed(source, i, "is not key = value");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.startsWith(TRIPLE)) {
                StringBuilder multi = new StringBuilder(value.substring(3));
                while (multi.indexOf(TRIPLE) < 0) {
                    if (++i >= lines.length) {
                        throw malformed(source, i, "has an unclosed \"\"\" value");
                    }
                    multi.append('\n').append(lines[i]);
                }
                value = multi.substring(0, multi.indexOf(TRIPLE));
            } else if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '`')
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                value = value.substring(1, value.length() - 1);
            }
            if (inSops) {
                DotenvDocuments.unflatten(sops, key, value.replace("\\n", "\n"), source);
            } else {
                if (section == null) {
                    section = tree.putObject("DEFAULT");
                }
                if (section.has(key)) {
                    throw malformed(source, i, "repeats a key in its section");
                }
                section.put(key, value);
            }
        }
        if (tree.has("DEFAULT") && tree.get("DEFAULT").isEmpty()) {
            tree.remove("DEFAULT");
        }
        return new SopsDocument(tree, sops);
    }

    private static int delimiter(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    static boolean isEncrypted(byte[] content) {
        for (String line : new String(content, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.strip().equals("[" + METADATA_SECTION + "]")) {
                return true;
            }
        }
        return false;
    }

    static byte[] write(ObjectNode tree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> sections = tree.fields(); sections.hasNext(); ) {
            Map.Entry<String, JsonNode> section = sections.next();
            if (!first) {
                out.write('\n');
            }
            first = false;
            text(out, "[" + section.getKey() + "]\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = section.getValue().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                text(out, entry.getKey() + " = ");
                out.writeBytes(quoted(DotenvDocuments.bytes(entry.getValue())));
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private static byte[] quoted(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        if (text.contains("\n") || text.contains("`") || text.contains("\r")) {
            return (TRIPLE + text + TRIPLE).getBytes(StandardCharsets.UTF_8);
        }
        if (!text.equals(text.strip()) || text.contains(";") || text.contains("#") || text.startsWith("\"")) {
            return ("`" + text + "`").getBytes(StandardCharsets.UTF_8);
        }
        return value;
    }

    private static void text(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static SopsException malformed(String source, int line, String what) {
        return new SopsException(SopsException.Kind.MALFORMED, source + " line " + (line + 1) + " " + what);
    }
}
