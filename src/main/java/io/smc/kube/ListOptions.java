package io.smc.kube;

/**
 * Query of a list call; null fields are left out.
 *
 * @param resourceVersion {@code "0"} lets the server answer from its watch cache (cheap, possibly slightly stale);
 *                        null asks for a consistent read
 * @param limit           page size; 0 for no limit
 * @param continueToken   the previous page's {@code metadata.continue}
 */
public record ListOptions(String labelSelector, String fieldSelector, String resourceVersion, long limit,
        String continueToken) {
    public static final ListOptions ALL = new ListOptions(null, null, null, 0, null);

    public ListOptions withContinue(String token) {
        return new ListOptions(labelSelector, fieldSelector, resourceVersion, limit, token);
    }
}
