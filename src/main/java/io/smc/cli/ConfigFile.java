package io.smc.cli;

import io.smc.api.ManifestException;
import io.smc.api.Manifests;
import io.smc.api.SecretManagerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a file holding one SecretManagerConfig resource (other documents in the file, such as the GitRepository it
 * points at, are skipped), checked as the API server would admit it.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /** The config, with the API's defaults filled in; callers take the spec fields they use. */
    static SecretManagerConfig read(Path file) throws CommandFailure {
        List<SecretManagerConfig> configs;
        try {
            configs = Manifests.readAll(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new CommandFailure("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new CommandFailure("config file " + file + " cannot be read: " + e.getMessage());
        } catch (ManifestException e) {
            throw new CommandFailure(e.getMessage());
        }
        if (configs.size() != 1) {
            throw new CommandFailure(file + ": expected one " + SecretManagerConfig.KIND + " resource, found "
                    + configs.size());
        }
        return configs.get(0);
    }
}
