package io.smc.kube.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A failure the fake answers with a {@code Status} body, worded as the API server words it. */
final class StatusError extends Exception {
    private final transient ObjectNode status;

    private StatusError(ObjectNode status) {
        super(status.path("message").asText(), null, false, false);
        this.status = status;
    }

    int code() {
        return status.path("code").asInt();
    }

    ObjectNode status() {
        return status.deepCopy();
    }

    static ObjectNode statusBody(int code, String reason, String message) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message);
        if (reason != null) {
            status.put("reason", reason);
        }
        status.put("code", code);
        return status;
    }

    static StatusError of(int code, String reason, String message) {
        return new StatusError(statusBody(code, reason, message));
    }

    private static StatusError about(ApiPath path, String name, int code, String reason, String message) {
        ObjectNode status = statusBody(code, reason, message);
        ObjectNode details = status.putObject("details");
        details.put("name", name);
        if (!path.group().isEmpty()) {
            details.put("group", path.group());
        }
        details.put("kind", path.plural());
        return new StatusError(status);
    }

    static StatusError notFound(ApiPath path, String name) {
        return about(path, name, 404, "NotFound", path.qualifiedName() + " \"" + name + "\" not found");
    }

    static StatusError alreadyExists(ApiPath path, String name) {
        return about(path, name, 409, "AlreadyExists", path.qualifiedName() + " \"" + name + "\" already exists");
    }

    static StatusError conflict(ApiPath path, String name, String why) {
        return about(path, name, 409, "Conflict", "Operation cannot be fulfilled on " + path.qualifiedName() + " \""
                + name + "\": " + why);
    }

    /** 422 with one cause, as validation answers. */
    static StatusError invalid(ApiPath path, String kind, String name, String field, String causeReason,
            String causeMessage) {
        StatusError error = about(path, name, 422, "Invalid", kind + " \"" + name + "\" is invalid: " + field + ": "
                + causeMessage);
        ArrayNode causes = ((ObjectNode) error.status.get("details")).putArray("causes");
        causes.addObject().put("reason", causeReason).put("message", causeMessage).put("field", field);
        return error;
    }

    static StatusError badRequest(String message) {
        return of(400, "BadRequest", message);
    }

    /** 410, as the API server answers a resourceVersion or continue token older than its history. */
    static StatusError expired(String message) {
        return of(410, "Expired", message);
    }
}
