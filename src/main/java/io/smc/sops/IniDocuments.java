package io.smc.sops;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The INI format: not handled yet. */
final class IniDocuments {
    private IniDocuments() {
    }

    static SopsDocument parse(byte[] content, String source) throws SopsException {
        throw new SopsException(SopsException.Kind.UNSUPPORTED, source + " is an INI file; INI is not supported yet");
    }

    static boolean isEncrypted(byte[] content) {
        return new String(content, java.nio.charset.StandardCharsets.UTF_8).contains("\n[sops]");
    }

    static byte[] write(ObjectNode tree) {
        throw new IllegalStateException("INI is not supported");
    }
}
