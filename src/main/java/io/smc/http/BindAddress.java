package io.smc.http;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a server listens, written as Go's {@code net.Listen} and controller-runtime's {@code --*-bind-address} flags
 * write it: {@code :8080} (every interface), {@code 127.0.0.1:8080}, {@code localhost:8080}, {@code [::1]:8080}, or
 * {@code 0} for "do not listen at all". Port 0 ({@code :0}) asks the system for a free port.
 *
 * <p>Two addresses are equal when they are written the same (host compared without regard to case): {@code :8080}
 * and {@code 0.0.0.0:8080} are different addresses, and asking for both fails when the second one is bound.
 *
 * @param host the host as written, lower-cased, without brackets; empty for every interface
 * @param port 0 to 65535
 */
public record BindAddress(String host, int port) {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");
    private static final Pattern HOST_NAME = Pattern.compile(
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    // A syntactic check only: the JDK parses the literal when binding, and never looks a literal up in DNS.
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*(%[0-9a-z_.-]+)?");
    private static final String EXPECTED =
            "expected [host]:port such as :8080, 127.0.0.1:8080 or [::1]:8080, or 0 to disable";

    public BindAddress {
        if (host == null) {
            throw new NullPointerException("host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        host = host.toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a bind address flag.
     *
     * @return empty for {@code 0}, which switches the server off
     * @throws IllegalArgumentException for anything else that is not {@code [host]:port}, quoting the text and saying
     *                                  what is wrong with it
     */
    public static Optional<BindAddress> parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no bind address; " + EXPECTED);
        }
        if (text.equals("0")) {
            return Optional.empty();
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw bad(text, "no port");
        }
        String host = text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                throw bad(text, "a bracket is not closed before the port");
            }
            host = host.substring(1, host.length() - 1);
            if (!IPV6.matcher(host.toLowerCase(Locale.ROOT)).matches()) {
                throw bad(text, "brackets hold an IPv6 address, not \"" + host + "\"");
            }
        } else if (host.contains(":")) {
            throw bad(text, "an IPv6 address needs brackets, as in [::1]:8080");
        } else if (!host.isEmpty()) {
            String lower = host.toLowerCase(Locale.ROOT);
            if (DOTTED_NUMBERS.matcher(lower).matches() ? !IPV4.matcher(lower).matches()
                    : !HOST_NAME.matcher(lower).matches()) {
                throw bad(text, "\"" + host + "\" is neither an IP address nor a host name");
            }
        }
        if (port.isEmpty()) {
            throw bad(text, "no port");
        }
        if (!DIGITS.matcher(port).matches() || Integer.parseInt(port) > 65535) {
            throw bad(text, "the port must be a number from 0 to 65535, not \"" + port + "\"");
        }
        return Optional.of(new BindAddress(host, Integer.parseInt(port)));
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("bad bind address \"" + text + "\": " + why + "; " + EXPECTED);
    }

    /** True for {@code :port}: every interface, IPv4 and IPv6 alike. */
    public boolean allInterfaces() {
        return host.isEmpty();
    }

    /** The address to bind; a host name is looked up here, and is unresolved when the lookup fails. */
    public InetSocketAddress socketAddress() {
        return allInterfaces() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** The address as the flag would spell it, which {@link #parse} reads back to an equal address. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
