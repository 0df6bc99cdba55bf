package io.smc.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Decrypts SOPS files with the age and OpenPGP keys it holds: reads the format, unwraps the data key from the first
 * stanza one of our keys opens, decrypts every value, verifies the MAC, and writes the same document without its
 * metadata. Messages name the file, paths and recipients; never values or keys.
 */
public final class SopsFileDecryptor implements SopsDecryptor {
    /** Larger inputs are refused: secrets files are small, and parsing is in memory. */
    public static final int MAX_INPUT_BYTES = 5 * 1024 * 1024;

    private final DataKeyUnwrapper unwrapper;

    public SopsFileDecryptor(SopsKeys keys) {
        this.unwrapper = new DataKeyUnwrapper(keys);
    }

    @Override
    public boolean isEncrypted(byte[] content, SopsFormat format) {
        if (content.length > MAX_INPUT_BYTES) {
            return false;
        }
        try {
            return switch (format) {
                case YAML, JSON -> YamlJsonDocuments.hasSopsBlock(YamlJsonDocuments.parse(content, format, "input"));
                case BINARY -> YamlJsonDocuments.hasSopsBlock(
                        YamlJsonDocuments.parse(content, SopsFormat.JSON, "input"));
                case DOTENV -> DotenvDocuments.isEncrypted(content);
                case INI -> IniDocuments.isEncrypted(content);
            };
        } catch (SopsException e) {
            return false;
        }
    }

    @Override
    public byte[] decrypt(byte[] content, SopsFormat format, String source) throws SopsException {
        if (content.length > MAX_INPUT_BYTES) {
            throw new SopsException(SopsException.Kind.MALFORMED, source + " is larger than "
                    + MAX_INPUT_BYTES + " bytes");
        }
        SopsDocument document = switch (format) {
            case YAML, JSON -> YamlJsonDocuments.split(YamlJsonDocuments.parse(content, format, source), source);
            case BINARY -> YamlJsonDocuments.split(YamlJsonDocuments.parse(content, SopsFormat.JSON, source),
                    source);
            case DOTENV -> DotenvDocuments.parse(content, source);
            case INI -> IniDocuments.parse(content, source);
        };
        SopsMetadata metadata = SopsMetadata.from(document.sops(), source);
        byte[] dataKey = unwrapper.dataKey(metadata, source);
        try {
            ObjectNode plain = TreeDecryptor.decrypt(document.tree(), metadata, dataKey, source);
            return switch (format) {
                case YAML, JSON -> YamlJsonDocuments.write(plain, format, source);
                case BINARY -> binary(plain, source);
                case DOTENV -> DotenvDocuments.write(plain);
                case INI -> IniDocuments.write(plain);
            };
        } finally {
            java.util.Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static byte[] binary(ObjectNode plain, String source) throws SopsException {
        JsonNode data = plain.get("data");
        if (data == null || !(data.isTextual() || data.isBinary())) {
            throw new SopsException(SopsException.Kind.MALFORMED, source + " is a binary sops file without data");
        }
        return DotenvDocuments.bytes(data);
    }

    @Override
    public String toString() {
        return "SopsFileDecryptor[redacted]";
    }
}
