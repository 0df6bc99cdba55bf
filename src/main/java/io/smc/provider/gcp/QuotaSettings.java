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
