package io.smc.source.argocd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.source.SourceException;
import io.smc.source.SourceNotReadyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArgoApplicationsTest {
    private final FakeCluster cluster = new FakeCluster();
    private final ArgoApplications applications = new ArgoApplications(cluster.client);

    @AfterEach
    void close() {
        cluster.close();
    }

    private void seed(String name, String spec) {
        cluster.server.seed(ArgoApplications.APPLICATIONS, """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"Application",
                 "metadata":{"name":"%s","namespace":"argocd"},"spec":%s}""".formatted(name, spec));
    }

    @Test
    void readsTheSingleSourceWithItsRevisionAndPath() throws Exception {
        seed("app", """
                {"source":{"repoURL":"https://git.example/org/repo.git","targetRevision":"v1.2","path":"envs/prod"}}""");
        assertEquals(new ApplicationSource("https://git.example/org/repo.git", "v1.2", "envs/prod"),
                applications.source("argocd", "app", null));
    }

    @Test
    void defaultsTheRevisionToHeadAndThePathToTheRoot() throws Exception {
        seed("app", """
                {"source":{"repoURL":"https://git.example/org/repo.git"}}""");
        assertEquals(new ApplicationSource("https://git.example/org/repo.git", "HEAD", ""),
                applications.source("argocd", "app", null));
    }

    @Test
    void aMissingApplicationIsNotReadyAndNamed() {
        SourceNotReadyException e = assertThrows(SourceNotReadyException.class,
                () -> applications.source("argocd", "absent", null));
        assertTrue(e.getMessage().contains("argocd/absent"), e.getMessage());
    }

    private static final String MULTI = """
            {"sources":[
              {"repoURL":"https://charts.example","chart":"web","targetRevision":"1.0.0"},
              {"repoURL":"https://git.example/values.git","targetRevision":"main","ref":"values"},
              {"repoURL":"https://git.example/secrets.git","targetRevision":"prod","path":"secrets","name":"secrets"}]}""";

    @Test
    void picksTheMultiSourceEntryWhoseRefMatches() throws Exception {
        seed("multi", MULTI);
        assertEquals(new ApplicationSource("https://git.example/values.git", "main", ""),
                applications.source("argocd", "multi", "values"));
    }

    @Test
    void picksTheMultiSourceEntryWhoseNameMatches() throws Exception {
        seed("multi", MULTI);
        assertEquals(new ApplicationSource("https://git.example/secrets.git", "prod", "secrets"),
                applications.source("argocd", "multi", "secrets"));
    }

    @Test
    void withoutANameTakesTheFirstGitSourceSkippingHelmCharts() throws Exception {
        seed("multi", MULTI);
        assertEquals(new ApplicationSource("https://git.example/values.git", "main", ""),
                applications.source("argocd", "multi", null));
    }

    @Test
    void aSourceNameMatchingNothingIsRefusedRatherThanGuessed() {
        seed("multi", MULTI);
        SourceException e = assertThrows(SourceException.class, () -> applications.source("argocd", "multi", "typo"));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("typo"), e.getMessage());
    }

    @Test
    void anApplicationWithOnlyAHelmChartIsRefused() {
        seed("helm", """
                {"source":{"repoURL":"https://charts.example","chart":"web","targetRevision":"1.0.0"}}""");
        SourceException e = assertThrows(SourceException.class, () -> applications.source("argocd", "helm", null));
        assertTrue(e.getMessage().contains("Helm"), e.getMessage());
    }
}
