package io.smc.source.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ApiException;
import io.smc.kube.KubeApi;
import io.smc.kube.KubeException;
import io.smc.kube.ListOptions;
import io.smc.kube.ResourceType;
import io.smc.source.SourceException;
import io.smc.source.SourceNotReadyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the credentials for a Git URL the way Argo CD does, reading Secrets in Argo CD's namespace through the
 * Kubernetes API: a {@code repository} Secret (label {@code argocd.argoproj.io/secret-type: repository}) whose
 * {@code url} equals the URL, else the {@code repo-creds} Secret whose {@code url} is the longest prefix of it. A
 * repository Secret without credentials falls through to the repo-creds templates, as in Argo CD. Keys read:
 * {@code username}, {@code password}, {@code sshPrivateKey}, {@code insecure} ({@code "true"}: do not check SSH host
 * keys). GitHub App and TLS client certificate credentials are not supported.
 *
 * <p>SSH host keys come from the {@code ssh_known_hosts} key of ConfigMap {@code argocd-ssh-known-hosts-cm} in the
 * same namespace, or from a configured file, which wins when given.
 *
 * <p>The seed's own {@code sourceRef.gitCredentials} Secret is read by {@link #fromSecret}: {@code identity} (SSH
 * private key, with optional {@code known_hosts}), {@code username}/{@code password}, or {@code token} (password of
 * user {@code username} when given, else {@code x-access-token}).
 */
public final class RepositoryCredentials {
    public static final String DEFAULT_NAMESPACE = "argocd";
    public static final String SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type";
    public static final String KNOWN_HOSTS_CONFIG_MAP = "argocd-ssh-known-hosts-cm";

    private final KubeApi api;
    private final String argoNamespace;
    private final Path knownHostsFile;
    private final boolean insecureIgnoreHostKeys;

    /**
     * @param argoNamespace          where Argo CD's repository Secrets and known-hosts ConfigMap live
     * @param knownHostsFile         a {@code known_hosts} file to use instead of Argo CD's ConfigMap; may be null
     * @param insecureIgnoreHostKeys accept any SSH host key for every repository; an explicit opt-in
     */
    public RepositoryCredentials(KubeApi api, String argoNamespace, Path knownHostsFile,
            boolean insecureIgnoreHostKeys) {
        this.api = Objects.requireNonNull(api, "api");
        this.argoNamespace = Objects.requireNonNull(argoNamespace, "argoNamespace");
        this.knownHostsFile = knownHostsFile;
        this.insecureIgnoreHostKeys = insecureIgnoreHostKeys;
    }

    /**
     * The credentials Argo CD would use for {@code url}; {@link GitCredentials#NONE} when no Secret matches.
     *
     * @throws SourceException the API call failed (retryable as the API says) or a matching Secret is unusable
     */
    public GitCredentials forUrl(String url) throws SourceException {
        Optional<ObjectNode> exact = secrets("repository").stream()
                .filter(secret -> url.equals(value(secret, "url").orElse(null)))
                .filter(RepositoryCredentials::hasCredentials)
                .findFirst();
        if (exact.isPresent()) {
            return fromArgoSecret(exact.get());
        }
        Optional<ObjectNode> template = secrets("repo-creds").stream()
                .filter(secret -> value(secret, "url").filter(prefix -> !prefix.isEmpty() && url.startsWith(prefix))
                        .isPresent())
                .filter(RepositoryCredentials::hasCredentials)
                .max(java.util.Comparator.comparingInt(secret -> value(secret, "url").orElse("").length()));
        return template.isPresent() ? fromArgoSecret(template.get()) : GitCredentials.NONE;
    }

    /**
     * The credentials in Secret {@code namespace/name} (the seed's {@code sourceRef.gitCredentials}).
     *
     * @throws SourceNotReadyException the Secret does not exist (yet)
     * @throws SourceException         it holds none of the known keys, or the API call failed
     */
    public GitCredentials fromSecret(String namespace, String name) throws SourceException, SourceNotReadyException {
        String id = "Secret " + namespace + "/" + name;
        ObjectNode secret;
        try {
            secret = api.get(ResourceType.SECRETS, namespace, name);
        } catch (ApiException e) {
            if (e.reason() == ApiException.Reason.NOT_FOUND) {
                throw new SourceNotReadyException("Git credentials " + id + " not found");
            }
            throw new SourceException("cannot read Git credentials " + id + ": " + e.getMessage(), e.retryable(), e);
        } catch (KubeException e) {
            throw new SourceException("cannot read Git credentials " + id + ": " + e.getMessage(), e.retryable(), e);
        }
        Optional<byte[]> identity = bytes(secret, "identity");
        if (identity.isPresent()) {
            Optional<String> knownHosts = value(secret, "known_hosts");
            return new GitCredentials.Ssh(identity.get(),
                    knownHosts.isPresent() ? knownHosts.get() : knownHosts(), insecureIgnoreHostKeys);
        }
        Optional<String> username = value(secret, "username");
        Optional<byte[]> token = bytes(secret, "token");
        if (token.isPresent()) {
            return GitCredentials.Https.token(username.orElse(null), token.get());
        }
        Optional<byte[]> password = bytes(secret, "password");
        if (password.isPresent() && username.isPresent()) {
            return new GitCredentials.Https(username.get(), password.get());
        }
        throw new SourceException("Git credentials " + id
                + " has none of identity, token, or username with password", false, null);
    }

    private GitCredentials fromArgoSecret(ObjectNode secret) throws SourceException {
        Optional<byte[]> key = bytes(secret, "sshPrivateKey");
        if (key.isPresent()) {
            boolean insecure = insecureIgnoreHostKeys || value(secret, "insecure").map("true"::equals).orElse(false);
            return new GitCredentials.Ssh(key.get(), knownHosts(), insecure);
        }
        Optional<byte[]> password = bytes(secret, "password");
        if (password.isPresent()) {
            return new GitCredentials.Https(value(secret, "username").orElse("x-access-token"), password.get());
        }
        return GitCredentials.NONE;
    }

    private static boolean hasCredentials(ObjectNode secret) {
        return bytes(secret, "sshPrivateKey").isPresent() || bytes(secret, "password").isPresent();
    }

    private List<ObjectNode> secrets(String type) throws SourceException {
        try {
            return api.listAll(ResourceType.SECRETS, argoNamespace,
                    new ListOptions(SECRET_TYPE_LABEL + "=" + type, null, null, 0, null)).items();
        } catch (KubeException e) {
            throw new SourceException("cannot list Argo CD " + type + " Secrets in " + argoNamespace + ": "
                    + e.getMessage(), e.retryable(), e);
        }
    }

    private String knownHosts() throws SourceException {
        if (knownHostsFile != null) {
            try {
                return Files.readString(knownHostsFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new SourceException("cannot read SSH known hosts file " + knownHostsFile, false, e);
            }
        }
        try {
            ObjectNode configMap = api.get(ResourceType.CONFIG_MAPS, argoNamespace, KNOWN_HOSTS_CONFIG_MAP);
            return configMap.path("data").path("ssh_known_hosts").asText("");
        } catch (ApiException e) {
            if (e.reason() == ApiException.Reason.NOT_FOUND) {
                return "";
            }
            throw new SourceException("cannot read ConfigMap " + argoNamespace + "/" + KNOWN_HOSTS_CONFIG_MAP + ": "
                    + e.getMessage(), e.retryable(), e);
        } catch (KubeException e) {
            throw new SourceException("cannot read ConfigMap " + argoNamespace + "/" + KNOWN_HOSTS_CONFIG_MAP + ": "
                    + e.getMessage(), e.retryable(), e);
        }
    }

    private static Optional<String> value(JsonNode secret, String key) {
        return bytes(secret, key).map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip());
    }

    private static Optional<byte[]> bytes(JsonNode secret, String key) {
        JsonNode data = secret.path("data").path(key);
        if (data.isTextual()) {
            try {
                byte[] decoded = Base64.getMimeDecoder().decode(data.asText());
                return decoded.length == 0 ? Optional.empty() : Optional.of(decoded);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        JsonNode text = secret.path("stringData").path(key);
        return text.isTextual() && !text.asText().isEmpty()
                ? Optional.of(text.asText().getBytes(StandardCharsets.UTF_8)) : Optional.empty();
    }
}
