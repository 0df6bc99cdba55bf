package io.smc.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PromQlTest {
    static Stream<Arguments> expressions() {
        return Stream.of(
                Arguments.of("up", List.of("up")),
                Arguments.of("sum by (result) (rate(controller_runtime_reconcile_total{job=~\"$job\"}"
                        + "[$__rate_interval]))", List.of("controller_runtime_reconcile_total")),
                Arguments.of("histogram_quantile(0.99, sum by (le) (rate(x_seconds_bucket{a=\"b\"}[5m])))",
                        List.of("x_seconds_bucket")),
                Arguments.of("absent(up{job=\"x\"} == 1)", List.of("up")),
                Arguments.of("a / on (x, y) group_left (z) b offset 1h30m > bool 0", List.of("a", "b")),
                Arguments.of("count(max by (namespace, name) (m{type=\"Ready\"}) == 1) or vector(0)",
                        List.of("m")),
                Arguments.of("sum without (instance) (rate(m[5m:1m])) unless ignoring (pod) n",
                        List.of("m", "n")),
                Arguments.of("label_replace(m, \"dst\", \"$1\", \"src\", \"(.*)\")", List.of("m")),
                Arguments.of("time() - max by (pod) (process_start_time_seconds{job=~\"${job:regex}\"})",
                        List.of("process_start_time_seconds")),
                Arguments.of("job:reconciles:rate5m > Inf or m < -1e3 and NaN != n", List.of(
                        "job:reconciles:rate5m", "m", "n")),
                Arguments.of("sum(x) by (le) / count without(a) (y)", List.of("x", "y")),
                Arguments.of("topk(3, sum by(method)(rate(calls_total{code!~\"OK|NOT_FOUND\"}[10m])))",
                        List.of("calls_total")),
                Arguments.of("# a comment with metric_like_words\nm # trailing", List.of("m")),
                Arguments.of("sum(rate(a[5m])) by (job)\n  /\nsum(rate(b[5m])) by (job)", List.of("a", "b")));
    }

    @ParameterizedTest
    @MethodSource("expressions")
    void findsTheMetricNamesAnExpressionReads(String expression, List<String> names) {
        assertEquals(names, List.copyOf(PromQl.metricNames(expression)));
    }

    @Test
    void readsTheMatchersOfEachSelectorWithTheirOperatorsAndUnescapedValues() {
        List<PromQl.Selector> selectors = PromQl.selectors(
                "m{a=\"1\", b =~ \"x|y\",c!=\"z\\\"q\",d!~`raw\\d`} / {__name__=\"n\"}");

        assertEquals(List.of(
                new PromQl.Selector("m", List.of(new PromQl.Matcher("a", "=", "1"),
                        new PromQl.Matcher("b", "=~", "x|y"), new PromQl.Matcher("c", "!=", "z\"q"),
                        new PromQl.Matcher("d", "!~", "raw\\d"))),
                new PromQl.Selector(null, List.of(new PromQl.Matcher("__name__", "=", "n")))), selectors);
    }

    @Test
    void aNameThatIsAlsoAFunctionIsAMetricWhereItIsNotCalled() {
        assertEquals(Set.of("count"), PromQl.metricNames("sum(count)"));
    }
}
