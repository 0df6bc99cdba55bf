package io.smc.kube;

/** The kinds of patch the API server accepts, with their content types. */
public enum PatchType {
    MERGE("application/merge-patch+json"),
    JSON("application/json-patch+json"),
    /** Server-side apply; needs a field manager. */
    APPLY("application/apply-patch+yaml");

    private final String contentType;

    PatchType(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
