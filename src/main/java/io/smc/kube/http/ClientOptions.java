package io.smc.kube.http;

import io.smc.time.Ticker;
import io.smc.time.Sleeper;
import io.smc.kube.ClientMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How an {@link HttpKubeClient} behaves, apart from where it connects.
 *
 * @param qps                client-side rate limit, requests a second (client-go's default is 5; controllers raise it)
 * @param burst              requests allowed at once before the rate applies
 * @param requestTimeout     how long a call other than a watch waits for the server's answer
 * @param connectTimeout     how long opening a connection may take
 * @param watchIdleMargin    a watch with no data for its {@code timeoutSeconds} plus this margin is taken as dead:
 *                           the server should have ended it by then
 * @param throttleRetries    how many times a 429, or a 503 with {@code Retry-After}, is retried after the wait asked
 * @param maxRetryAfter      the longest such wait spent inside a call; a longer one is surfaced to the caller at once
 * @param userAgent          the {@code User-Agent} header, so audit logs and API priority rules can name us
 * @param metrics            where each HTTP exchange is reported
 * @param ticker             monotonic time for the rate limit and latencies
 * @param sleeper            how the rate limit and throttling retries wait
 */
public record ClientOptions(double qps, int burst, Duration requestTimeout, Duration connectTimeout,
        Duration watchIdleMargin, int throttleRetries, Duration maxRetryAfter, String userAgent,
        ClientMetrics metrics, Ticker ticker, Sleeper sleeper) {

    public ClientOptions {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(watchIdleMargin, "watchIdleMargin");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(sleeper, "sleeper");
        if (!(qps > 0) || burst < 1) {
            throw new IllegalArgumentException("qps must be positive and burst at least 1, not " + qps + "/" + burst);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || connectTimeout.isNegative()
                || connectTimeout.isZero() || watchIdleMargin.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (throttleRetries < 0) {
            throw new IllegalArgumentException("throttleRetries must not be negative, not " + throttleRetries);
        }
    }

    /** qps 20, burst 30, 30 s per request, 10 s to connect, 3 throttling retries of at most 60 s each. */
    public static ClientOptions defaults() {
        return new ClientOptions(20, 30, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30), 3,
                Duration.ofSeconds(60), defaultUserAgent(), ClientMetrics.NONE, Ticker.SYSTEM, Sleeper.SYSTEM);
    }

    public ClientOptions withRateLimit(double newQps, int newBurst) {
        return new ClientOptions(newQps, newBurst, requestTimeout, connectTimeout, watchIdleMargin, throttleRetries,
                maxRetryAfter, userAgent, metrics, ticker, sleeper);
    }

    public ClientOptions withTimeouts(Duration newRequestTimeout, Duration newConnectTimeout) {
        return new ClientOptions(qps, burst, newRequestTimeout, newConnectTimeout, watchIdleMargin, throttleRetries,
                maxRetryAfter, userAgent, metrics, ticker, sleeper);
    }

    public ClientOptions withWatchIdleMargin(Duration margin) {
        return new ClientOptions(qps, burst, requestTimeout, connectTimeout, margin, throttleRetries, maxRetryAfter,
                userAgent, metrics, ticker, sleeper);
    }

    public ClientOptions withThrottleRetries(int retries, Duration longestWait) {
        return new ClientOptions(qps, burst, requestTimeout, connectTimeout, watchIdleMargin, retries, longestWait,
                userAgent, metrics, ticker, sleeper);
    }

    public ClientOptions withUserAgent(String newUserAgent) {
        return new ClientOptions(qps, burst, requestTimeout, connectTimeout, watchIdleMargin, throttleRetries,
                maxRetryAfter, newUserAgent, metrics, ticker, sleeper);
    }

    public ClientOptions withMetrics(ClientMetrics newMetrics) {
        return new ClientOptions(qps, burst, requestTimeout, connectTimeout, watchIdleMargin, throttleRetries,
                maxRetryAfter, userAgent, newMetrics, ticker, sleeper);
    }

    public ClientOptions withTime(Ticker newTicker, Sleeper newSleeper) {
        return new ClientOptions(qps, burst, requestTimeout, connectTimeout, watchIdleMargin, throttleRetries,
                maxRetryAfter, userAgent, metrics, newTicker, newSleeper);
    }

    private static String defaultUserAgent() {
        Properties properties = new Properties();
        try (InputStream in = ClientOptions.class.getResourceAsStream("/io/smc/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // The version only decorates the header; the name alone still identifies us.
        }
        return "secret-manager-controller/" + properties.getProperty("version", "unknown") + " (Java "
                + Runtime.version().feature() + ")";
    }
}
