package io.smc.source.argocd;

import io.smc.kube.KubeApi;
import io.smc.source.Artifact;
import io.smc.source.SourceException;
import io.smc.source.SourceNotReadyException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * An Argo CD Application as a source: reads its Git source, finds the credentials Argo CD would use (or the given
 * Secret's), fetches the revision and returns its files rooted at the Application's {@code path}.
 */
public final class ArgoCdSource {
    /** How long one git command may run before it is killed. */
    public static final Duration DEFAULT_GIT_TIMEOUT = Duration.ofMinutes(2);

    private final ArgoApplications applications;
    private final RepositoryCredentials credentials;
    private final GitFetcher fetcher;

    public ArgoCdSource(ArgoApplications applications, RepositoryCredentials credentials, GitFetcher fetcher) {
        this.applications = Objects.requireNonNull(applications, "applications");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    /**
     * The usual wiring: Argo CD in {@code argoNamespace} ({@link RepositoryCredentials#DEFAULT_NAMESPACE}), host
     * keys from its ConfigMap, host keys checked, the {@link GitFetcher#DEFAULT_KEEP} newest commits per repository
     * kept under {@code cacheRoot}.
     */
    public static ArgoCdSource create(KubeApi api, Path cacheRoot, String argoNamespace) {
        return new ArgoCdSource(new ArgoApplications(api),
                new RepositoryCredentials(api, argoNamespace, null, false),
                new GitFetcher(cacheRoot, GitRunner.create(DEFAULT_GIT_TIMEOUT), GitFetcher.DEFAULT_KEEP));
    }

    /** A parsed {@code argocd:<namespace>/<name>} reference. */
    public record Reference(String namespace, String name) {
        public static Reference parse(String text) {
            String prefix = "argocd:";
            if (text == null || !text.startsWith(prefix)) {
                throw new IllegalArgumentException("not an Argo CD reference (argocd:<namespace>/<name>): " + text);
            }
            String[] parts = text.substring(prefix.length()).split("/", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("not an Argo CD reference (argocd:<namespace>/<name>): " + text);
            }
            return new Reference(parts[0], parts[1]);
        }
    }

    /**
     * The files of Application {@code namespace/name}'s current target revision.
     *
     * @param sourceName            the {@code ref}/{@code name} of the wanted source of a multi-source Application;
     *                              null for the first Git source
     * @param gitCredentialsSecret  name of a Secret in {@code namespace} with the seed's {@code gitCredentials} keys,
     *                              used instead of Argo CD's repository Secrets; null to use Argo CD's
     * @throws SourceNotReadyException the Application (or the named credentials Secret) does not exist yet
     * @throws SourceException         reading, fetching or checking out failed; see {@link SourceException#retryable()}
     */
    public Artifact fetch(String namespace, String name, String sourceName, String gitCredentialsSecret)
            throws SourceNotReadyException, SourceException {
        ApplicationSource source = applications.source(namespace, name, sourceName);
        GitCredentials gitCredentials = gitCredentialsSecret == null || gitCredentialsSecret.isEmpty()
                ? credentials.forUrl(source.repoUrl())
                : credentials.fromSecret(namespace, gitCredentialsSecret);
        return fetcher.fetch(source.repoUrl(), source.targetRevision(), source.path(), gitCredentials);
    }
}
