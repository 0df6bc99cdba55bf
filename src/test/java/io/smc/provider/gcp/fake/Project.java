package io.smc.provider.gcp.fake;

/** A project the fake knows, by the id people type and the number the service answers with. */
record Project(String id, long number) {

    String name() {
        return "projects/" + number;
    }

    /** True when a request's project segment, id or number, names this project. */
    boolean isNamedBy(String segment) {
        return id.equals(segment) || Long.toString(number).equals(segment);
    }
}
