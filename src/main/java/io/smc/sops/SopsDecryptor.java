package io.smc.sops;

/**
 * Decrypts SOPS files in memory with the keys it was given. The result is the same document in the same format,
 * without the {@code sops} metadata, so the readers of plain files read it unchanged; it never touches a disk.
 */
public interface SopsDecryptor {
    /** Whether {@code content} carries SOPS metadata, judged by structure (a {@code sops} block or entries). */
    boolean isEncrypted(byte[] content, SopsFormat format);

    /**
     * The decrypted document, after the MAC has been verified.
     *
     * @param source names the file in messages (a path relative to the revision)
     */
    byte[] decrypt(byte[] content, SopsFormat format, String source) throws SopsException;
}
