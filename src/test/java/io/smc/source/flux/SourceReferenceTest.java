package io.smc.source.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.api.SourceRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceReferenceTest {
    @Test
    void parsesKindNamespaceAndName() {
        SourceReference ref = SourceReference.parse("OCIRepository/flux-system/manifests");

        assertEquals(new SourceReference(SourceReference.Kind.OCIRepository, "flux-system", "manifests"), ref);
        assertEquals("ocirepositories", ref.kind().type("v1").plural());
        assertEquals("source.toolkit.fluxcd.io/v1beta2", ref.kind().type("v1beta2").apiVersion());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GitRepository/apps", "GitRepository//apps", "Kustomization/flux-system/apps",
            "GitRepository/flux-system/apps/extra"})
    void malformedReferencesAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SourceReference.parse(text));

        assertTrue(e.getMessage().contains("Kind/namespace/name") || e.getMessage().contains("GitRepository, "),
                e.getMessage());
    }

    @Test
    void configSourceRefDefaultsToGitRepositoryInTheConfigsNamespace() {
        SourceReference ref = SourceReference.of(new SourceRef(null, "apps", null, null), "team-a");

        assertEquals(new SourceReference(SourceReference.Kind.GitRepository, "team-a", "apps"), ref);
    }

    @Test
    void argoCdApplicationIsNotAFluxSource() {
        assertThrows(IllegalArgumentException.class, () -> SourceReference.of(
                new SourceRef(SourceRef.SourceKind.Application, "apps", "argocd", null), "team-a"));
    }
}
