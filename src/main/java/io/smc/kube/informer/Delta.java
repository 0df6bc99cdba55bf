package io.smc.kube.informer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One change of the cache, to be told to the handlers: previous is null for an add, current for a delete. */
record Delta(Kind kind, ObjectNode previous, ObjectNode current) {
    enum Kind {
        ADD, UPDATE, DELETE
    }

    static Delta added(ObjectNode current) {
        return new Delta(Kind.ADD, null, current);
    }

    static Delta updated(ObjectNode previous, ObjectNode current) {
        return new Delta(Kind.UPDATE, previous, current);
    }

    static Delta deleted(ObjectNode previous) {
        return new Delta(Kind.DELETE, previous, null);
    }
}
