package io.smc.source.argocd;

import java.util.Objects;

/**
 * The Git source of an Argo CD Application: where to fetch, which revision, and the directory inside the repository
 * that the config's {@code basePath}/{@code kustomizePath} are relative to.
 *
 * @param repoUrl        the repository URL as the Application names it
 * @param targetRevision a branch, tag, {@code HEAD} or commit SHA; {@code HEAD} when the Application leaves it out
 * @param path           the directory inside the repository; empty for the repository root
 */
public record ApplicationSource(String repoUrl, String targetRevision, String path) {
    public ApplicationSource {
        Objects.requireNonNull(repoUrl, "repoUrl");
        Objects.requireNonNull(targetRevision, "targetRevision");
        Objects.requireNonNull(path, "path");
    }
}
