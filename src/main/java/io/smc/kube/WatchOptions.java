package io.smc.kube;

/**
 * Query of a watch call.
 *
 * @param resourceVersion where to start: the resourceVersion of the list (or of the last event or bookmark)
 * @param timeoutSeconds  how long the server keeps the stream open (the informer randomises it, 300–600)
 */
public record WatchOptions(String labelSelector, String fieldSelector, String resourceVersion,
        boolean allowBookmarks, long timeoutSeconds) {
}
