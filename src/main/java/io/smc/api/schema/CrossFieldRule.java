package io.smc.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/**
 * The rules that span fields of one object. Each is written once, in two languages: the CEL the API server
 * evaluates at {@code kubectl apply} (emitted as {@code x-kubernetes-validations}), and the same test in Java, for
 * manifests read without a server ({@code plan --config}) and for the tests that keep the two in agreement.
 */
public enum CrossFieldRule {
    EXACTLY_ONE_PROVIDER(
            "[has(self.gcp), has(self.aws), has(self.azure)].filter(p, p).size() == 1",
            "exactly one of gcp, aws and azure must be set",
            self -> (set(self, "gcp") ? 1 : 0) + (set(self, "aws") ? 1 : 0) + (set(self, "azure") ? 1 : 0) == 1),
    PROVIDER_TYPE_NAMES_ITS_BLOCK(
            "!has(self.type) || (self.type == 'gcp' && has(self.gcp)) || (self.type == 'aws' && has(self.aws))"
                    + " || (self.type == 'azure' && has(self.azure))",
            "type names the provider block that is set",
            self -> !set(self, "type") || set(self, self.get("type").asText())),
    ONE_REPLICATION_POLICY(
            "has(self.automatic) != has(self.userManaged)",
            "set exactly one of automatic and userManaged",
            self -> set(self, "automatic") != set(self, "userManaged")),
    REGIONAL_SECRETS_TAKE_NO_REPLICATION(
            "!(has(self.location) && has(self.replication))",
            "regional secrets (location set) take no replication block",
            self -> !(set(self, "location") && set(self, "replication"))),
    JSON_CREDENTIALS_NEED_SECRET_REF(
            "!has(self.authType) || self.authType != 'JsonCredentials' || has(self.secretRef)",
            "authType JsonCredentials needs secretRef, the Secret key holding the service account's JSON key",
            self -> !set(self, "authType") || !self.get("authType").asText().equals("JsonCredentials")
                    || set(self, "secretRef")),
    KUSTOMIZE_PATH_OR_BASE_PATH(
            "!(has(self.kustomizePath) && has(self.basePath))",
            "kustomizePath and basePath cannot both be set: basePath is for raw files, kustomizePath for kustomize",
            self -> !(set(self, "kustomizePath") && set(self, "basePath")));

    private final String cel;
    private final String message;
    private final Predicate<JsonNode> holds;

    CrossFieldRule(String cel, String message, Predicate<JsonNode> holds) {
        this.cel = cel;
        this.message = message;
        this.holds = holds;
    }

    public String cel() {
        return cel;
    }

    public String message() {
        return message;
    }

    /** Whether the rule holds for {@code self}, the JSON object of the annotated type. */
    public boolean holdsFor(JsonNode self) {
        return holds.test(self);
    }

    private static boolean set(JsonNode self, String field) {
        JsonNode value = self.get(field);
        return value != null && !value.isNull();
    }
}
