package io.smc.provider.gcp;

import io.smc.api.SecretManagerConfigSpec;
import io.smc.plan.PublishPolicy;
import java.time.Duration;

/**
 * What keeping secrets in step costs in Secret Manager accesses, the billed operation, at the service's and the
 * controller's defaults: a resync every reconcile interval, of which one per drift-check interval reads every value.
 * Built from the calls a benchmark measured, not from what the planner is meant to do, so a regression shows up in
 * the cost.
 *
 * @param accessesPerSecretPerResync      measured on a resync with nothing to check (a steady-state resync)
 * @param accessesPerSecretPerDriftCheck  measured on a resync that checks for drift
 */
record AccessCostModel(int secrets, Duration reconcileInterval, Duration driftCheckInterval,
        double accessesPerSecretPerResync, double accessesPerSecretPerDriftCheck) {
    /** Secret Manager's price of access operations, in dollars per 10,000. */
    static final double DOLLARS_PER_10K_ACCESSES = 0.03;
    static final int DAYS_PER_MONTH = 30;
    static final int DEFAULT_SECRETS = 10_000;
    private static final Duration DAY = Duration.ofDays(1);

    /** The defaults (10,000 secrets, 1-minute resyncs, 1-hour drift checks) with the accesses two phases made. */
    static AccessCostModel atDefaults(PhaseFigures steadyState, PhaseFigures driftCheck) {
        return new AccessCostModel(DEFAULT_SECRETS, SecretManagerConfigSpec.MIN_RECONCILE_INTERVAL,
                PublishPolicy.DEFAULT_DRIFT_CHECK_INTERVAL, steadyState.callsPerSecret("AccessSecretVersion"),
                driftCheck.callsPerSecret("AccessSecretVersion"));
    }

    double resyncsPerDay() {
        return perDay(reconcileInterval);
    }

    double driftChecksPerDay() {
        return perDay(driftCheckInterval);
    }

    /** The drift checks' accesses, plus those of every other resync (none, when the memory works). */
    double accessesPerSecretPerDay() {
        return driftChecksPerDay() * accessesPerSecretPerDriftCheck
                + (resyncsPerDay() - driftChecksPerDay()) * accessesPerSecretPerResync;
    }

    double accessesPerMonth() {
        return secrets * accessesPerSecretPerDay() * DAYS_PER_MONTH;
    }

    double dollarsPerMonth() {
        return dollars(accessesPerMonth());
    }

    /** A controller without the memory, which reads every secret on every resync. */
    double readEveryResyncAccessesPerMonth() {
        return secrets * resyncsPerDay() * DAYS_PER_MONTH;
    }

    double readEveryResyncDollarsPerMonth() {
        return dollars(readEveryResyncAccessesPerMonth());
    }

    private static double dollars(double accesses) {
        return accesses / 10_000 * DOLLARS_PER_10K_ACCESSES;
    }

    private static double perDay(Duration interval) {
        return DAY.toNanos() / (double) interval.toNanos();
    }
}
