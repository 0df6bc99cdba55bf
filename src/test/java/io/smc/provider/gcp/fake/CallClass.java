package io.smc.provider.gcp.fake;

/**
 * The quota a call is charged to, as Secret Manager splits them: accessing data, reading metadata, and changing
 * anything. Each has its own per-minute limit in the real service (90,000 / 600 / 600 per project by default).
 */
public enum CallClass {
    /** AccessSecretVersion. */
    ACCESS("Access requests", "AccessRequestsPerMinutePerProject", "access_requests"),
    /** Get and List calls. */
    READ("Read requests", "ReadRequestsPerMinutePerProject", "read_requests"),
    /** Everything that changes a secret or a version. */
    WRITE("Write requests", "WriteRequestsPerMinutePerProject", "write_requests");

    private final String metric;
    private final String limitId;
    private final String metricId;

    CallClass(String metric, String limitId, String metricId) {
        this.metric = metric;
        this.limitId = limitId;
        this.metricId = metricId;
    }

    /** The quota metric's display name, as quota errors quote it. */
    String metric() {
        return metric;
    }

    String limitId() {
        return limitId;
    }

    String metricId() {
        return "secretmanager.googleapis.com/" + metricId;
    }
}
