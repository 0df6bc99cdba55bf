package io.smc.provider.gcp.fake;

/** The two ways the fake is spoken to, as the client library offers them. */
public enum Protocol {
    /** gRPC over HTTP/2, plaintext. */
    GRPC,
    /** The HTTP/JSON binding of the API ({@code /v1/...}). */
    REST
}
