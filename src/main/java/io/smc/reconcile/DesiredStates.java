package io.smc.reconcile;

import io.smc.api.Conditions;
import io.smc.api.SecretManagerConfig;
import io.smc.secrets.DesiredState;
import io.smc.secrets.Problem;
import io.smc.secrets.RawFileSecrets;
import io.smc.secrets.SecretsSettings;
import io.smc.secrets.SourceException;
import io.smc.secrets.kustomize.KustomizeException;
import io.smc.secrets.kustomize.KustomizeSecrets;
import io.smc.sops.SopsDecryptor;
import java.io.IOException;
import java.nio.file.Path;

/** A revision's desired state as a config reads it: raw mode, or kustomize mode when it names a kustomize path. */
public final class DesiredStates {
    /** What building came to: the state, or why there is none (a reason of {@link Conditions} and a message). */
    public record Built(DesiredState state, String failureReason, String failure) {
        static Built of(DesiredState state) {
            return new Built(state, null, null);
        }

        static Built failed(String reason, String message) {
            return new Built(null, reason, message);
        }

        public boolean failed() {
            return state == null;
        }
    }

    private DesiredStates() {
    }

    public static Built build(Path root, SecretManagerConfig config, SopsDecryptor decryptor) {
        String kustomizePath = config.spec().secrets().kustomizePath();
        SecretsSettings settings;
        try {
            settings = SecretsSettings.of(config.spec().secrets(), config.spec().configs()).validated();
        } catch (SecretsSettings.InvalidSettingsException e) {
            return Built.failed(Conditions.REASON_BUILD_FAILED, e.getMessage());
        }
        DesiredState state;
        try {
            state = kustomizePath == null ? RawFileSecrets.read(root, settings, decryptor)
                    : KustomizeSecrets.read(root, kustomizePath, settings, decryptor);
        } catch (KustomizeException e) {
            return Built.failed(e.undecryptable() ? Conditions.REASON_DECRYPTION_FAILED : Conditions.REASON_BUILD_FAILED, e.getMessage());
        } catch (SourceException e) {
            return Built.failed(Conditions.REASON_BUILD_FAILED, e.getMessage());
        } catch (IOException e) {
            return Built.failed(Conditions.REASON_BUILD_FAILED, "the revision cannot be read: " + e.getClass().getSimpleName());
        }
        if (state.secrets().isEmpty() && state.problems().stream().anyMatch(DesiredStates::withheld)) {
            return Built.failed(Conditions.REASON_DECRYPTION_FAILED, String.join("; ", state.problems().stream()
                    .map(Problem::toString).toList()));
        }
        return Built.of(state);
    }

    /** Raw mode keeps everything back when a file cannot be decrypted, and says so with this problem. */
    private static boolean withheld(Problem problem) {
        return problem.message().equals(RawFileSecrets.WITHHELD);
    }
}
