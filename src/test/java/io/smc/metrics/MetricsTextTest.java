package io.smc.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class MetricsTextTest {
    private final MetricsRegistry registry = new MetricsRegistry();

    private String text() throws IOException {
        StringBuilder out = new StringBuilder();
        registry.writeText(out);
        return out.toString();
    }

    @Test
    void writesEveryMetricSortedByNameThenByLabelValues() throws IOException {
        Counter requests = registry.counter("smc_gcp_requests_total", "Secret Manager calls.", "method", "code");
        requests.labels("add_version", "OK").inc();
        requests.labels("access", "OK").inc(3);
        requests.labels("access", "NOT_FOUND").inc();
        registry.gauge("smc_managed_secrets", "Secrets under management.").set(12);
        Histogram waits = registry.histogram("smc_gcp_quota_wait_seconds", "Time spent waiting for quota.",
                new double[] {0.1, 1}, "class");
        waits.labels("write").observe(0.25);
        waits.labels("write").observe(0.5);
        waits.labels("write").observe(3);
        waits.labels("read").observe(0.1);

        assertEquals("""
                # HELP smc_gcp_quota_wait_seconds Time spent waiting for quota.
                # TYPE smc_gcp_quota_wait_seconds histogram
                smc_gcp_quota_wait_seconds_bucket{class="read",le="0.1"} 1
                smc_gcp_quota_wait_seconds_bucket{class="read",le="1"} 1
                smc_gcp_quota_wait_seconds_bucket{class="read",le="+Inf"} 1
                smc_gcp_quota_wait_seconds_sum{class="read"} 0.1
                smc_gcp_quota_wait_seconds_count{class="read"} 1
                smc_gcp_quota_wait_seconds_bucket{class="write",le="0.1"} 0
                smc_gcp_quota_wait_seconds_bucket{class="write",le="1"} 2
                smc_gcp_quota_wait_seconds_bucket{class="write",le="+Inf"} 3
                smc_gcp_quota_wait_seconds_sum{class="write"} 3.75
                smc_gcp_quota_wait_seconds_count{class="write"} 3
                # HELP smc_gcp_requests_total Secret Manager calls.
                # TYPE smc_gcp_requests_total counter
                smc_gcp_requests_total{method="access",code="NOT_FOUND"} 1
                smc_gcp_requests_total{method="access",code="OK"} 3
                smc_gcp_requests_total{method="add_version",code="OK"} 1
                # HELP smc_managed_secrets Secrets under management.
                # TYPE smc_managed_secrets gauge
                smc_managed_secrets 12
                """, text());
    }

    @Test
    void anUnlabelledMetricShowsZeroBeforeItsFirstUseAndALabelledOneShowsNoSeries() throws IOException {
        registry.counter("smc_syncs_total", "Syncs.");
        registry.histogram("smc_sync_seconds", "Sync time.", new double[] {1}, "result");

        assertEquals("""
                # HELP smc_sync_seconds Sync time.
                # TYPE smc_sync_seconds histogram
                # HELP smc_syncs_total Syncs.
                # TYPE smc_syncs_total counter
                smc_syncs_total 0
                """, text());
    }

    @Test
    void escapesBackslashAndNewlineInHelpAndAlsoQuotesInLabelValues() throws IOException {
        registry.counter("smc_odd_total", "Counts C:\\temp\nand \"quotes\".", "path")
                .labels("C:\\temp\n\"x\"").inc();

        assertEquals("""
                # HELP smc_odd_total Counts C:\\\\temp\\nand "quotes".
                # TYPE smc_odd_total counter
                smc_odd_total{path="C:\\\\temp\\n\\"x\\""} 1
                """, text());
    }

    @Test
    void spellsNumbersAsPrometheusParsesThem() {
        assertEquals("NaN", TextFormat.number(Double.NaN));
        assertEquals("+Inf", TextFormat.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", TextFormat.number(Double.NEGATIVE_INFINITY));
        assertEquals("0", TextFormat.number(-0.0));
        assertEquals("-7", TextFormat.number(-7));
        assertEquals("0.005", TextFormat.number(0.005));
        assertEquals("-2.5", TextFormat.number(-2.5));
        assertEquals("1.0E20", TextFormat.number(1e20));
        assertEquals("1.0E-4", TextFormat.number(0.0001));
    }

    @Test
    void aGaugeGoesBothWaysAndWritesSpecialValues() throws IOException {
        Gauge gauge = registry.gauge("smc_level", "Level.", "kind");
        gauge.labels("up").inc(2.5);
        gauge.labels("up").dec();
        gauge.labels("down").dec(4);
        gauge.labels("nan").set(Double.NaN);
        gauge.labels("inf").set(Double.POSITIVE_INFINITY);

        assertEquals("""
                # HELP smc_level Level.
                # TYPE smc_level gauge
                smc_level{kind="down"} -4
                smc_level{kind="inf"} +Inf
                smc_level{kind="nan"} NaN
                smc_level{kind="up"} 1.5
                """, text());
    }

    @Test
    void aRemovedGaugeSeriesIsNoLongerWrittenAndStartsAgainFromZero() throws IOException {
        Gauge gauge = registry.gauge("smc_config_ready", "Ready.", "namespace", "name");
        gauge.labels("team-a", "gone").set(1);
        gauge.labels("team-a", "kept").set(1);

        gauge.remove("team-a", "gone");
        gauge.remove("team-a", "never-seen");

        assertEquals("""
                # HELP smc_config_ready Ready.
                # TYPE smc_config_ready gauge
                smc_config_ready{namespace="team-a",name="kept"} 1
                """, text());
        assertEquals(0, gauge.labels("team-a", "gone").value());
    }

    @Test
    void removingNeedsEveryLabelValueAndALabelledGauge() {
        Gauge labelled = registry.gauge("smc_labelled", "Labelled.", "namespace", "name");
        Gauge plain = registry.gauge("smc_plain", "Plain.");

        assertEquals("smc_labelled has labels [namespace, name] but was given 1 values: [team-a]",
                assertThrows(IllegalArgumentException.class, () -> labelled.remove("team-a")).getMessage());
        assertEquals("smc_plain has no labels; its only series cannot be removed",
                assertThrows(IllegalStateException.class, plain::remove).getMessage());
    }

    @Test
    void theContentTypeIsTheOneForTextFormatZeroZeroFour() {
        assertEquals("text/plain; version=0.0.4; charset=utf-8", MetricsRegistry.TEXT_CONTENT_TYPE);
    }
}
