package io.smc.provider.gcp.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretVersion;
import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules behind the model, checked without a transport. */
class ModelRulesTest {

    @Test
    void projectNumbersAreTwelveDigitsAndTheSameEveryTime() {
        long number = ProjectDirectory.numberOf("my-proj");

        assertEquals(number, FakeSecretManager.projectNumber("my-proj"));
        assertTrue(Long.toString(number).matches("[1-9]\\d{11}"));
        assertFalse(number == ProjectDirectory.numberOf("my-proj-2"));
    }

    @Test
    void projectsAreFoundByIdOrNumberAndOthersAreNotFound() {
        ProjectDirectory projects = new ProjectDirectory();
        Project project = projects.add("my-proj");

        assertEquals(project, projects.resolve("my-proj"));
        assertEquals(project, projects.resolve(Long.toString(project.number())));
        RpcError unknown = assertThrows(RpcError.class, () -> projects.resolve("other"));
        assertEquals(Status.Code.NOT_FOUND, unknown.code());
        assertThrows(IllegalArgumentException.class, () -> projects.add("Not_An_Id"));
    }

    @Test
    void filtersMatchLabelsAndNamesJoinedByAndOrOrAndRefuseTheRest() {
        Secret prod = Secret.newBuilder().setName("projects/1/secrets/db").putLabels("env", "prod").build();
        Secret bare = Secret.newBuilder().setName("projects/1/secrets/other").build();

        assertTrue(ListFilter.secrets("labels.env=prod").test(prod));
        assertTrue(ListFilter.secrets("labels.env=\"prod\"").test(prod));
        assertFalse(ListFilter.secrets("labels.env=dev").test(prod));
        assertTrue(ListFilter.secrets("labels.env:*").test(prod));
        assertFalse(ListFilter.secrets("labels.env:*").test(bare));
        assertTrue(ListFilter.secrets("name:db AND labels.env:prod").test(prod));
        assertTrue(ListFilter.secrets("").test(bare));
        assertTrue(ListFilter.secrets("name:\"oth\" OR labels.env=\"prod\"").test(prod));
        assertTrue(ListFilter.secrets("name:\"oth\" OR labels.env=\"prod\"").test(bare));
        assertFalse(ListFilter.secrets("name:x OR labels.env=dev").test(prod));
        // OR binds tighter than AND: name:db AND (labels.env=dev OR name:other).
        assertFalse(ListFilter.secrets("name:db labels.env=dev OR name:other").test(prod));
        assertTrue(ListFilter.secrets("name:db labels.env=prod OR name:other").test(prod));
        for (String unsupported : new String[] {"OR name:x", "name:x OR", "name:x OR OR name:y", "NOT labels.env:*",
                "create_time>1", "-labels.env:*", "(name:x OR name:y)"}) {
            RpcError refused = assertThrows(RpcError.class, () -> ListFilter.secrets(unsupported), unsupported);
            assertEquals(Status.Code.INVALID_ARGUMENT, refused.code());
        }
        SecretVersion disabled = SecretVersion.newBuilder().setState(SecretVersion.State.DISABLED).build();
        assertTrue(ListFilter.versions("state:disabled").test(disabled));
        assertFalse(ListFilter.versions("state=ENABLED").test(disabled));
        assertThrows(RpcError.class, () -> ListFilter.versions("state:GONE"));
    }

    @Test
    void labelAndAnnotationRulesFollowTheDocumentedLimits() {
        SecretRules.checkLabels(Map.of("env", "prod", "managed-by", "smc_1", "empty", ""));
        SecretRules.checkAnnotations(Map.of("smc.io.source", "git@example:repo/path", "A-b_c.D", "x"));

        assertThrows(RpcError.class, () -> SecretRules.checkLabels(Map.of("Env", "x")));
        assertThrows(RpcError.class, () -> SecretRules.checkLabels(Map.of("env", "Prod")));
        assertThrows(RpcError.class, () -> SecretRules.checkLabels(Map.of("1env", "x")));
        assertThrows(RpcError.class, () -> SecretRules.checkAnnotations(Map.of("smc.io/source", "x")));
        assertThrows(RpcError.class, () -> SecretRules.checkAnnotations(Map.of("-lead", "x")));
        assertThrows(RpcError.class, () -> SecretRules.checkAnnotations(Map.of("big", "x".repeat(16 * 1024))));
    }

    @Test
    void pageTokensAreOpaqueAndForeignOnesRefused() {
        assertEquals("db-password", PageToken.position(PageToken.after("db-password")));
        assertNull(PageToken.position(""));
        assertThrows(RpcError.class, () -> PageToken.position("not-a-token"));
        assertEquals(25_000, PageToken.pageSize(0));
        assertEquals(25_000, PageToken.pageSize(100_000));
        assertThrows(RpcError.class, () -> PageToken.pageSize(-1));
    }

    @Test
    void faultsNameRealRpcs() {
        Faults faults = new Faults();

        assertThrows(IllegalArgumentException.class, () -> faults.failNext("AddVersion", Status.UNAVAILABLE, 1));
        assertThrows(IllegalArgumentException.class, () -> faults.failNext("AddSecretVersion", Status.OK, 1));
        faults.failNext("AddSecretVersion", Status.UNAVAILABLE, 2);
        assertTrue(faults.takeFailure("AddSecretVersion").isPresent());
        assertTrue(faults.takeFailure("AddSecretVersion").isPresent());
        assertTrue(faults.takeFailure("AddSecretVersion").isEmpty());
    }
}
