package io.smc.source.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ApiException;
import io.smc.kube.KubeApi;
import io.smc.kube.KubeException;
import io.smc.kube.ResourceType;
import io.smc.source.SourceException;
import io.smc.source.SourceNotReadyException;
import java.util.Objects;

/**
 * Reads the Git source of Argo CD {@code Application}s ({@code argoproj.io/v1alpha1}) through the Kubernetes API.
 *
 * <p>A single-source Application's {@code spec.source} is used as is. For a multi-source Application
 * ({@code spec.sources[]}) the source whose {@code ref} or {@code name} equals the caller's source name wins; without
 * a name, or when none matches and no name was asked for, the first source that is a Git repository — one without
 * {@code chart}, since {@code chart} marks a Helm chart repository — is taken. A name that matches nothing is an
 * error rather than a silent fallback, so a typo cannot publish secrets from the wrong repository.
 */
public final class ArgoApplications {
    public static final ResourceType APPLICATIONS =
            new ResourceType("argoproj.io", "v1alpha1", "applications", "Application", true);

    private final KubeApi api;

    public ArgoApplications(KubeApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /**
     * The Git source of Application {@code namespace/name}.
     *
     * @param sourceName the {@code ref} or {@code name} of the wanted source of a multi-source Application; null
     *                   for the first Git source
     * @throws SourceNotReadyException the Application does not exist (yet)
     * @throws SourceException         the API call failed (retryable when the API says so), or the Application has
     *                                 no usable Git source (not retryable)
     */
    public ApplicationSource source(String namespace, String name, String sourceName)
            throws SourceNotReadyException, SourceException {
        String id = "Application " + namespace + "/" + name;
        ObjectNode application;
        try {
            application = api.get(APPLICATIONS, namespace, name);
        } catch (ApiException e) {
            if (e.reason() == ApiException.Reason.NOT_FOUND) {
                throw new SourceNotReadyException("Argo CD " + id + " not found");
            }
            throw new SourceException("cannot read Argo CD " + id + ": " + e.getMessage(), e.retryable(), e);
        } catch (KubeException e) {
            throw new SourceException("cannot read Argo CD " + id + ": " + e.getMessage(), e.retryable(), e);
        }
        return select(application.path("spec"), sourceName, id);
    }

    static ApplicationSource select(JsonNode spec, String sourceName, String id) throws SourceException {
        JsonNode sources = spec.path("sources");
        if (sources.isArray() && !sources.isEmpty()) {
            if (sourceName != null && !sourceName.isEmpty()) {
                for (JsonNode source : sources) {
                    if (sourceName.equals(text(source, "ref")) || sourceName.equals(text(source, "name"))) {
                        if (isHelmChart(source)) {
                            throw refused(id, "source " + sourceName + " is a Helm chart, not a Git repository");
                        }
                        return of(source, id);
                    }
                }
                throw refused(id, "has no source with ref or name " + sourceName);
            }
            for (JsonNode source : sources) {
                if (!isHelmChart(source) && !text(source, "repoURL").isEmpty()) {
                    return of(source, id);
                }
            }
            throw refused(id, "has no Git source (all sources are Helm charts)");
        }
        JsonNode source = spec.path("source");
        if (!source.isObject()) {
            throw refused(id, "has neither spec.source nor spec.sources");
        }
        if (isHelmChart(source)) {
            throw refused(id, "source is a Helm chart, not a Git repository");
        }
        return of(source, id);
    }

    private static ApplicationSource of(JsonNode source, String id) throws SourceException {
        String repoUrl = text(source, "repoURL");
        if (repoUrl.isEmpty()) {
            throw refused(id, "source has no repoURL");
        }
        String revision = text(source, "targetRevision");
        return new ApplicationSource(repoUrl, revision.isEmpty() ? "HEAD" : revision, text(source, "path"));
    }

    private static boolean isHelmChart(JsonNode source) {
        return !text(source, "chart").isEmpty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText().trim() : "";
    }

    private static SourceException refused(String id, String why) {
        return new SourceException("Argo CD " + id + " " + why, false, null);
    }
}
