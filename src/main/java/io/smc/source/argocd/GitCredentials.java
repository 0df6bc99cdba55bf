package io.smc.source.argocd;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How to authenticate to a Git repository. Values never print themselves: {@code toString} names the kind only.
 * The byte arrays are the caller's; they are written to private temporary files for the length of one git run.
 */
public sealed interface GitCredentials {
    /** Anonymous access. */
    GitCredentials NONE = new None();

    /** Nothing to present. */
    record None() implements GitCredentials {
        @Override
        public String toString() {
            return "no credentials";
        }
    }

    /**
     * HTTPS basic credentials, handed to git through {@code GIT_ASKPASS}.
     *
     * @param username the user name ({@code x-access-token} for a bare token)
     * @param password the password or token
     */
    record Https(String username, byte[] password) implements GitCredentials {
        public Https {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        /** A token as Git hosts take it: the given user name, else {@code x-access-token}. */
        public static Https token(String username, byte[] token) {
            return new Https(username == null || username.isEmpty() ? "x-access-token" : username, token);
        }

        @Override
        public String toString() {
            return "HTTPS credentials for user " + username + " (" + password.length + " byte password)";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Https that && username.equals(that.username)
                    && java.util.Arrays.equals(password, that.password);
        }

        @Override
        public int hashCode() {
            return username.hashCode();
        }
    }

    /**
     * An SSH private key, handed to ssh through a private file and {@code GIT_SSH_COMMAND}.
     *
     * @param privateKey            the key, OpenSSH or PEM format
     * @param knownHosts            {@code known_hosts} lines the server's key must be among; may be empty
     * @param insecureIgnoreHostKey accept any host key ({@code StrictHostKeyChecking=no}); only on explicit opt-in
     */
    record Ssh(byte[] privateKey, String knownHosts, boolean insecureIgnoreHostKey) implements GitCredentials {
        public Ssh {
            Objects.requireNonNull(privateKey, "privateKey");
            knownHosts = knownHosts == null ? "" : knownHosts;
        }

        @Override
        public String toString() {
            return "SSH key (" + privateKey.length + " bytes), " + knownHosts.lines().count() + " known host lines"
                    + (insecureIgnoreHostKey ? ", host key not checked" : "");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Ssh that && java.util.Arrays.equals(privateKey, that.privateKey)
                    && knownHosts.equals(that.knownHosts) && insecureIgnoreHostKey == that.insecureIgnoreHostKey;
        }

        @Override
        public int hashCode() {
            return knownHosts.hashCode();
        }
    }

    /** Bytes of a secret value as text, for the few places that must (never for logs). */
    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
