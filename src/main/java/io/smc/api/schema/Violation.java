package io.smc.api.schema;

/** One rule a manifest breaks: the field's path ({@code spec.provider.gcp.projectId}) and what is wrong. */
public record Violation(String path, String message) {
    @Override
    public String toString() {
        return (path.isEmpty() ? "(root)" : path) + ": " + message;
    }
}
