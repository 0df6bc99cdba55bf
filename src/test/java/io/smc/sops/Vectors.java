package io.smc.sops;

import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** The committed test vectors: their plaintext model, keys and files (src/test/resources/sops). */
final class Vectors {
    static final Path DIR = Path.of("src/test/resources/sops");
    static final Path AGE_KEY = DIR.resolve("keys/test.agekey");
    static final Path PGP_KEY = DIR.resolve("keys/test-key.asc");
    static final Path PROTECTED_PGP_KEY = DIR.resolve("keys/protected-key.asc");
    static final String PGP_FINGERPRINT = "ADAA2278513281DFFCBC9C9AA0D72F1493FF155D";
    static final String LAST_MODIFIED = "2026-11-28T11:40:00Z";
    static final List<String> KINDS = List.of("age", "pgp");
    static final List<String> FILES = List.of("secrets.yaml", "secrets.json", "secrets.env", "secrets.bin");

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Vectors() {
    }

    /** The YAML and JSON vectors' plaintext: multi-line, control characters, quotes, every sops type. */
    static ObjectNode document() {
        ObjectNode doc = NODES.objectNode();
        doc.put("database_password", "s3cr3t#with\"quote'and\\backslash");
        doc.put("multi_line", "line one\nline two\n\ttabbed\n");
        doc.put("binaryish", "\u0000\u0001\u001f\u007f é ü 中文 \uD83D\uDE42 \r\n end ");
        doc.put("port", 5432);
        doc.put("ratio", new java.math.BigDecimal("0.25"));
        doc.put("enabled", true);
        doc.put("disabled", false);
        ObjectNode nested = doc.putObject("nested");
        nested.putObject("api").put("token", "tok-123");
        var list = nested.putArray("list");
        list.add("first");
        list.add("second");
        list.addObject().put("inner", "x");
        doc.put("empty", "");
        doc.put("note_unencrypted", "visible");
        return doc;
    }

    /** The dotenv vector's plaintext: only strings, as dotenv has. */
    static ObjectNode dotenv() {
        ObjectNode doc = NODES.objectNode();
        doc.put("PASSWORD", "p#ss \"w\" \\ 'x'");
        doc.put("MULTI", "a\nb\n");
        doc.put("LEADING", "  spaced  ");
        doc.put("UNICODE", "é中\uD83D\uDE42");
        doc.put("CTRL", "tab\there\r\nx\f");
        doc.put("QUOTED", "\"already quoted\"");
        doc.put("EMPTY", "");
        doc.put("PLAIN_unencrypted", "visible");
        return doc;
    }

    /** The binary vector's plaintext: bytes that are not UTF-8. */
    static byte[] binary() {
        byte[] bytes = new byte[300];
        new Random(42).nextBytes(bytes);
        bytes[0] = (byte) 0xff;
        return bytes;
    }

    static ObjectNode binaryDocument() {
        ObjectNode doc = NODES.objectNode();
        doc.set("data", BinaryNode.valueOf(binary()));
        return doc;
    }

    static byte[] read(String kind, String file) throws IOException {
        return Files.readAllBytes(DIR.resolve(kind).resolve(file));
    }

    static SopsFormat format(String file) {
        return SopsFormat.forFileName(file);
    }
}
