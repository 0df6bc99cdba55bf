package io.smc.provider.gcp.fake;

import com.google.protobuf.FieldMask;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.FieldMaskUtil;
import com.google.protobuf.util.JsonFormat;
import java.util.List;
import java.util.Map;

/**
 * One REST call taken apart: the resource name bound from the path, the query parameters (names in lowerCamelCase),
 * and the body, with the decoding rules of the HTTP binding (protobuf JSON for bodies, a FieldMask as a comma
 * separated list, numbers as text).
 */
record RestRequest(String name, Map<String, List<String>> query, String body) {

    String query(String parameter) {
        List<String> values = query.get(parameter);
        return values == null || values.isEmpty() ? "" : values.get(values.size() - 1);
    }

    int intQuery(String parameter, String field) {
        String value = query(parameter);
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw RpcError.invalidArgument("Invalid value at '" + field + "' (TYPE_INT32), \"" + value + "\"");
        }
    }

    FieldMask fieldMask(String parameter) {
        List<String> values = query.getOrDefault(parameter, List.of());
        return FieldMaskUtil.fromJsonString(String.join(",", values));
    }

    /** Reads the body into {@code builder}; an empty body leaves it as it is, as {@code body: "*"} allows. */
    <B extends Message.Builder> B body(B builder) {
        if (body.isBlank()) {
            return builder;
        }
        try {
            JsonFormat.parser().merge(body, builder);
            return builder;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw RpcError.invalidArgument("Invalid JSON payload received. " + e.getMessage());
        }
    }
}
