package io.smc.kube.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a certificate is for a name, by its subject alternative names only (as Go and therefore kubectl check;
 * the subject's common name is not looked at): DNS names compared without case, with one leading {@code *.}
 * standing for exactly one label; IP addresses compared as addresses.
 */
final class ServerNames {
    private static final int DNS = 2;
    private static final int IP = 7;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private ServerNames() {
    }

    static boolean matches(X509Certificate certificate, String name) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names != null && matches(names, name);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /** @param alternativeNames as {@link X509Certificate#getSubjectAlternativeNames()} gives them */
    static boolean matches(Collection<List<?>> alternativeNames, String name) {
        boolean ip = isIpLiteral(name);
        for (List<?> entry : alternativeNames) {
            int type = (Integer) entry.get(0);
            String value = String.valueOf(entry.get(1));
            if (ip ? type == IP && sameAddress(value, name) : type == DNS && dnsMatches(value, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean dnsMatches(String pattern, String name) {
        String host = trimDot(name.toLowerCase(Locale.ROOT));
        String expected = trimDot(pattern.toLowerCase(Locale.ROOT));
        if (host.isEmpty() || expected.isEmpty()) {
            return false;
        }
        if (expected.startsWith("*.")) {
            String suffix = expected.substring(1); // ".example.com"
            int firstDot = host.indexOf('.');
            return firstDot > 0 && host.substring(firstDot).equals(suffix) && !suffix.contains("*");
        }
        return !expected.contains("*") && host.equals(expected);
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** Only literals, so that no name is ever looked up in DNS here. */
    private static boolean isIpLiteral(String name) {
        return IPV4.matcher(name).matches() || name.contains(":");
    }

    private static boolean sameAddress(String a, String b) {
        if (!isIpLiteral(a)) {
            return false;
        }
        try {
            return InetAddress.getByName(strip(a)).equals(InetAddress.getByName(strip(b)));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String strip(String address) {
        return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    }
}
