package io.smc.provider.gcp.auth;

import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.util.Optional;

/**
 * Looks up Application Default Credentials. A seam because the real lookup depends on the machine: environment
 * variables, gcloud's file, and a probe of the GCE metadata server that takes seconds where there is none.
 */
@FunctionalInterface
public interface ApplicationDefaultCredentials {
    /**
     * @return the credentials, or empty when the environment offers none
     * @throws IOException when some were offered but cannot be loaded (a broken {@code GOOGLE_APPLICATION_CREDENTIALS}
     *                     file); the message may be the library's, so it is not shown as is
     */
    Optional<GoogleCredentials> find() throws IOException;

    /** {@link GoogleCredentials#getApplicationDefault()}, which caches what it found for the whole process. */
    static ApplicationDefaultCredentials fromEnvironment() {
        return () -> {
            try {
                return Optional.of(GoogleCredentials.getApplicationDefault());
            } catch (IOException e) {
                // The library throws the same exception type for "nothing found" and "found but broken"; only the
                // text of the former is fixed (and its link is all it says), so that text is what tells them apart.
                if (String.valueOf(e.getMessage()).startsWith("Your default credentials were not found")) {
                    return Optional.empty();
                }
                throw e;
            }
        };
    }
}
