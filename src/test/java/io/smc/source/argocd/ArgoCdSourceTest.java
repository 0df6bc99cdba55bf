package io.smc.source.argocd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smc.kube.ResourceType;
import io.smc.source.Artifact;
import io.smc.source.SourceNotReadyException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgoCdSourceTest {
    @TempDir
    Path temp;

    private final FakeCluster cluster = new FakeCluster();

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void turnsAnApplicationIntoTheFilesOfItsTargetRevisionAtItsPath() throws Exception {
        TestRepo repo = TestRepo.init(temp.resolve("origin"));
        repo.write("envs/prod/profiles/prod/application.secrets.env", "A=1\n").commit("first");
        repo.branch("release");
        String release = repo.write("envs/prod/profiles/prod/application.secrets.env", "A=2\n").commit("release");
        cluster.server.seed(ArgoApplications.APPLICATIONS, """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"app","namespace":"argocd"},
                 "spec":{"source":{"repoURL":"%s","targetRevision":"release","path":"envs/prod"}}}"""
                .formatted(repo.url()));
        ArgoCdSource source = new ArgoCdSource(new ArgoApplications(cluster.client),
                new RepositoryCredentials(cluster.client, "argocd", null, false),
                new GitFetcher(temp.resolve("cache"), TestRepo.runner(), GitFetcher.DEFAULT_KEEP));
        ArgoCdSource.Reference reference = ArgoCdSource.Reference.parse("argocd:argocd/app");

        Artifact artifact = source.fetch(reference.namespace(), reference.name(), null, null);

        assertEquals(release, artifact.revision());
        assertEquals("A=2\n", Files.readString(artifact.root().resolve("profiles/prod/application.secrets.env")));
    }

    @Test
    void aMissingApplicationIsNotReady() {
        ArgoCdSource source = ArgoCdSource.create(cluster.client, temp.resolve("cache"), "argocd");
        assertThrows(SourceNotReadyException.class, () -> source.fetch("argocd", "absent", null, null));
    }

    @Test
    void aNamedCredentialsSecretThatDoesNotExistYetIsNotReady() throws Exception {
        cluster.server.seed(ArgoApplications.APPLICATIONS, """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"app","namespace":"apps"},
                 "spec":{"source":{"repoURL":"https://git.example/repo.git"}}}""");
        ArgoCdSource source = ArgoCdSource.create(cluster.client, temp.resolve("cache"), "argocd");
        assertThrows(SourceNotReadyException.class, () -> source.fetch("apps", "app", null, "git-creds"));
        assertEquals(0, cluster.server.objects(ResourceType.SECRETS, "apps").size());
    }

    @Test
    void referencesMustBeArgocdNamespaceSlashName() {
        assertEquals(new ArgoCdSource.Reference("ns", "app"), ArgoCdSource.Reference.parse("argocd:ns/app"));
        for (String bad : new String[] {"flux:ns/app", "argocd:app", "argocd:/app", "argocd:ns/", "argocd:a/b/c"}) {
            assertThrows(IllegalArgumentException.class, () -> ArgoCdSource.Reference.parse(bad), bad);
        }
    }
}
