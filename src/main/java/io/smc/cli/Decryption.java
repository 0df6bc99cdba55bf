package io.smc.cli;

import io.smc.sops.SopsDecryptor;
import io.smc.sops.SopsException;
import io.smc.sops.SopsFileDecryptor;
import io.smc.sops.SopsKeys;
import java.nio.file.Path;
import java.util.List;

/**
 * The SOPS keys a command was given as files ({@code --decryption-key-file}, {@code SOPS_AGE_KEY_FILE}). Without
 * any, SOPS files still meet a decryptor, which then names the recipients they were encrypted for.
 */
record Decryption(List<Path> keyFiles) {
    Decryption {
        keyFiles = List.copyOf(keyFiles);
    }

    static Decryption withKeyFiles(List<Path> files) {
        return new Decryption(files);
    }

    /** Reads the keys (held in memory only); an unreadable or passphrase-protected key is a {@link CommandFailure}. */
    SopsDecryptor decryptor() throws CommandFailure {
        try {
            return new SopsFileDecryptor(keyFiles.isEmpty() ? SopsKeys.none() : SopsKeys.fromFiles(keyFiles));
        } catch (SopsException e) {
            throw new CommandFailure(e.getMessage());
        }
    }
}
