package io.smc.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One page of a list: its items, the list's resourceVersion, and the token for the next page (null when last). */
public record ListPage(List<ObjectNode> items, String resourceVersion, String continueToken) {
    public ListPage {
        items = List.copyOf(items);
    }
}
