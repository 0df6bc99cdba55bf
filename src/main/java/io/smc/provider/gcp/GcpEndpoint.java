package io.smc.provider.gcp;

import java.util.regex.Pattern;

/**
 * Where the client connects. Chosen, first match wins: an emulator named by {@code SECRET_MANAGER_EMULATOR_HOST}
 * (plaintext, no credentials: a developer's override of everything), the config's {@code provider.gcp.endpoint},
 * the controller's {@code --gcp-endpoint} ({@code SMC_GCP_ENDPOINT}), the regional endpoint of the config's
 * location, and otherwise the client library's default (the global endpoint).
 *
 * @param address   host:port, or null for the library's default
 * @param plaintext true for an emulator: no TLS and no credentials
 */
public record GcpEndpoint(String address, boolean plaintext) {
    public static final String EMULATOR_ENV = "SECRET_MANAGER_EMULATOR_HOST";
    public static final String ENDPOINT_ENV = "SMC_GCP_ENDPOINT";
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9a-fA-F:]+\\]:[0-9]{1,5}");

    public GcpEndpoint {
        if (address != null && !HOST_PORT.matcher(address).matches()) {
            throw new IllegalArgumentException("endpoint '" + address + "' is not host:port");
        }
    }

    public static GcpEndpoint resolve(String emulatorHost, String configEndpoint, String controllerEndpoint,
            String location) {
        if (present(emulatorHost)) {
            return new GcpEndpoint(emulatorHost.trim(), true);
        }
        if (present(configEndpoint)) {
            return new GcpEndpoint(withPort(configEndpoint.trim()), false);
        }
        if (present(controllerEndpoint)) {
            return new GcpEndpoint(withPort(controllerEndpoint.trim()), false);
        }
        if (present(location)) {
            return new GcpEndpoint("secretmanager." + location + ".rep.googleapis.com:443", false);
        }
        return new GcpEndpoint(null, false);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String withPort(String address) {
        return address.contains(":") ? address : address + ":443";
    }

    @Override
    public String toString() {
        return (address == null ? "secretmanager.googleapis.com:443" : address) + (plaintext ? " (plaintext)" : "");
    }
}
