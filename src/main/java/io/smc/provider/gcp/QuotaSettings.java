package io.smc.provider.gcp;

/**
 * Secret Manager's request quotas for one project, and its limit on writes to any one secret.
 *
 * @param accessPerMinute          {@link CallClass#ACCESS} requests a minute
 * @param readPerMinute            {@link CallClass#READ} requests a minute
 * @param writePerMinute           {@link CallClass#WRITE} requests a minute
 * @param writesPerSecretPerSecond writes a second to one secret
 */
public record QuotaSettings(double accessPerMinute, double readPerMinute, double writePerMinute,
        double writesPerSecretPerSecond) {

    public QuotaSettings {
        positive("accessPerMinute", accessPerMinute);
        positive("readPerMinute", readPerMinute);
        positive("writePerMinute", writePerMinute);
        positive("writesPerSecretPerSecond", writesPerSecretPerSecond);
    }

    /** Secret Manager's defaults: 90,000 accesses, 600 reads and 600 writes a minute; 2 writes a second to a secret. */
    public static QuotaSettings defaults() {
        return new QuotaSettings(90_000, 600, 600, 2);
    }

    /** Environment variable holding {@link #parse(String) quota overrides}. */
    public static final String ENV = "SMC_GCP_QUOTAS";

    /**
     * The defaults with some limits replaced, from {@code access=N,read=N,write=N,secret-writes=N} (any subset; the
     * first three a minute, the last a second): a project whose quotas were raised, or one shared with other clients
     * that should get less. Empty or null gives the defaults.
     *
     * @throws IllegalArgumentException naming the part that is not understood
     */
    public static QuotaSettings parse(String text) {
        QuotaSettings settings = defaults();
        if (text == null || text.isBlank()) {
            return settings;
        }
        for (String part : text.split(",")) {
            String[] pair = part.trim().split("=", 2);
            double value;
            try {
                value = pair.length == 2 ? Double.parseDouble(pair[1].trim()) : Double.NaN;
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("quota '" + part.trim() + "' is not NAME=NUMBER");
            }
            settings = switch (pair[0].trim()) {
                case "access" -> new QuotaSettings(value, settings.readPerMinute, settings.writePerMinute,
                        settings.writesPerSecretPerSecond);
                case "read" -> new QuotaSettings(settings.accessPerMinute, value, settings.writePerMinute,
                        settings.writesPerSecretPerSecond);
                case "write" -> new QuotaSettings(settings.accessPerMinute, settings.readPerMinute, value,
                        settings.writesPerSecretPerSecond);
                case "secret-writes" -> new QuotaSettings(settings.accessPerMinute, settings.readPerMinute,
                        settings.writePerMinute, value);
                default -> throw new IllegalArgumentException("unknown quota '" + pair[0].trim()
                        + "': access, read, write (a minute) or secret-writes (a second)");
            };
        }
        return settings;
    }

    /** Every limit times {@code factor}, for runs against a fake server whose quotas are scaled the same way. */
    public QuotaSettings scaled(double factor) {
        positive("factor", factor);
        return new QuotaSettings(accessPerMinute * factor, readPerMinute * factor, writePerMinute * factor,
                writesPerSecretPerSecond * factor);
    }

    double perMinute(CallClass callClass) {
        return switch (callClass) {
            case ACCESS -> accessPerMinute;
            case READ -> readPerMinute;
            case WRITE -> writePerMinute;
        };
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, not " + value);
        }
    }
}
