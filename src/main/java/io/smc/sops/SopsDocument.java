package io.smc.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A parsed SOPS file: its values (without the metadata) and its {@code sops} metadata node. */
record SopsDocument(ObjectNode tree, JsonNode sops) {
}
