package io.smc.provider.gcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.auth.oauth2.GoogleCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Application Default Credentials through the factory's seam: the real lookup reads this machine's environment and
 * probes the GCE metadata server, neither of which a test may depend on.
 */
class ApplicationDefaultTest {
    private static final URI ANY_URI = URI.create("https://secretmanager.googleapis.com/");
    private static final TestServiceAccount ACCOUNT = TestServiceAccount.named("node-default");

    @Test
    void noneFoundSaysWhatToDo() {
        GcpCredentialsFactory factory = new GcpCredentialsFactory(Optional::empty, AuthEndpoints.google());

        GcpAuthException e = assertThrows(GcpAuthException.class,
                () -> factory.create(GcpIdentity.applicationDefault()));

        assertEquals("no Application Default Credentials found: on GKE, enable Workload Identity for the "
                + "controller's Kubernetes service account; elsewhere, set GOOGLE_APPLICATION_CREDENTIALS to a service "
                + "account key file, or run 'gcloud auth application-default login'", e.getMessage());
    }

    @Test
    void noneFoundIsTheSameWhenImpersonating() {
        GcpCredentialsFactory factory = new GcpCredentialsFactory(Optional::empty, AuthEndpoints.google());

        GcpAuthException e = assertThrows(GcpAuthException.class, () -> factory.create(
                GcpIdentity.applicationDefault().impersonating("writer@team-a-project.iam.gserviceaccount.com")));

        assertEquals(GcpCredentialsFactory.NO_APPLICATION_DEFAULT, e.getMessage());
    }

    @Test
    void aBrokenFileIsReportedWithoutTheLibrarysText() {
        String libraryText = "Error reading credential file from environment variable GOOGLE_APPLICATION_CREDENTIALS, "
                + "value '/keys/sa.json': -----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
        GcpCredentialsFactory factory = new GcpCredentialsFactory(() -> {
            throw new IOException(libraryText);
        }, AuthEndpoints.google());

        GcpAuthException e = assertThrows(GcpAuthException.class,
                () -> factory.create(GcpIdentity.applicationDefault()));

        assertEquals("Application Default Credentials could not be loaded (IOException); check the file "
                + "GOOGLE_APPLICATION_CREDENTIALS names, or gcloud's application_default_credentials.json",
                e.getMessage());
        LeakCheck.assertClean(e, List.of(libraryText, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"));
    }

    @Test
    void foundCredentialsAreScopedToCloudPlatformAndGetTheirToken() throws Exception {
        try (FakeGoogleAuth google = FakeGoogleAuth.start().register(ACCOUNT)) {
            // Unscoped, as ADC comes; the fake refuses any assertion whose scope is not cloud-platform.
            byte[] key = ACCOUNT.keyFile(google.tokenUri());
            GcpCredentialsFactory factory = new GcpCredentialsFactory(
                    () -> Optional.of(GoogleCredentials.fromStream(new ByteArrayInputStream(key))),
                    AuthEndpoints.google());

            GoogleCredentials credentials = factory.create(GcpIdentity.applicationDefault());
            Map<String, List<String>> metadata = credentials.getRequestMetadata(ANY_URI);

            assertEquals(List.of(), google.refusals());
            LeakCheck.assertBearer(google.tokenOf(ACCOUNT), metadata);
            assertEquals("Google credentials of Application Default Credentials", credentials.toString());
        }
    }

    @Test
    void aRefusedTokenNamesApplicationDefaultCredentials() throws Exception {
        try (FakeGoogleAuth google = FakeGoogleAuth.start().registerWithOtherKey(ACCOUNT)) {
            byte[] key = ACCOUNT.keyFile(google.tokenUri());
            GcpCredentialsFactory factory = new GcpCredentialsFactory(
                    () -> Optional.of(GoogleCredentials.fromStream(new ByteArrayInputStream(key))),
                    AuthEndpoints.google());
            GoogleCredentials credentials = factory.create(GcpIdentity.applicationDefault());

            GcpAuthException e = assertThrows(GcpAuthException.class, credentials::refresh);

            assertEquals("Application Default Credentials: no access token: the token endpoint answered HTTP 400 "
                    + "invalid_grant (a deleted or disabled key, or a wrong clock)", e.getMessage());
            LeakCheck.assertClean(e, ACCOUNT.secrets());
        }
    }
}
