package io.smc.provider.gcp;

import java.util.Locale;

/** How the client talks to Secret Manager: gRPC, or REST where an egress proxy blocks gRPC. */
public enum GcpTransport {
    GRPC, REST;

    /** Environment variable choosing the transport when no option does. */
    public static final String ENV = "SMC_GCP_TRANSPORT";

    /** {@code grpc} or {@code rest}, any case; null or empty gives gRPC. */
    public static GcpTransport parse(String text) {
        if (text == null || text.isBlank()) {
            return GRPC;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "grpc" -> GRPC;
            case "rest", "http", "http-json" -> REST;
            default -> throw new IllegalArgumentException("unknown Secret Manager transport '" + text
                    + "': grpc or rest");
        };
    }
}
