package io.smc.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The parts of Kubernetes object metadata this controller reads; the server owns the schema of the rest. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectMeta(String name, String namespace, String uid, String resourceVersion, Long generation,
        String creationTimestamp, String deletionTimestamp, Map<String, String> labels,
        Map<String, String> annotations, List<String> finalizers) {
}
