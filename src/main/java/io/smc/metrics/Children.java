package io.smc.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** One metric's series, one child per combination of label values, created on first use. */
final class Children<C> {
    private static final Comparator<List<String>> BY_VALUES = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int order = a.get(i).compareTo(b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    };

    private final String metric;
    private final List<String> labelNames;
    private final Supplier<C> factory;
    private final Map<List<String>, C> byValues = new ConcurrentHashMap<>();

    Children(String metric, List<String> labelNames, Supplier<C> factory) {
        this.metric = metric;
        this.labelNames = labelNames;
        this.factory = factory;
        if (labelNames.isEmpty()) {
            // An unlabelled series exists from the start, so a scrape shows 0 rather than nothing.
            byValues.put(List.of(), factory.get());
        }
    }

    List<String> labelNames() {
        return labelNames;
    }

    C labels(String... values) {
        if (values.length != labelNames.size()) {
            throw new IllegalArgumentException(metric + " has labels " + labelNames + " but was given "
                    + values.length + " values: " + Arrays.toString(values));
        }
        for (String value : values) {
            if (value == null) {
                throw new NullPointerException(metric + ": a label value is null: " + Arrays.toString(values));
            }
        }
        List<String> key = List.of(values);
        C child = byValues.get(key);
        return child != null ? child : byValues.computeIfAbsent(key, k -> factory.get());
    }

    /**
     * Drops the series for these label values, so that scrapes no longer show it (the object it described is gone);
     * a later {@link #labels} starts it again from zero. The unlabelled series cannot be dropped.
     */
    void remove(String... values) {
        if (labelNames.isEmpty()) {
            throw new IllegalStateException(metric + " has no labels; its only series cannot be removed");
        }
        if (values.length != labelNames.size()) {
            throw new IllegalArgumentException(metric + " has labels " + labelNames + " but was given "
                    + values.length + " values: " + Arrays.toString(values));
        }
        byValues.remove(List.of(values));
    }

    C unlabelled() {
        if (!labelNames.isEmpty()) {
            throw new IllegalStateException(metric + " has labels " + labelNames + "; use labels(...)");
        }
        return byValues.get(List.of());
    }

    /** A snapshot of the series in label-value order, which keeps scrapes deterministic. */
    List<Map.Entry<List<String>, C>> sorted() {
        List<Map.Entry<List<String>, C>> entries = new ArrayList<>(byValues.entrySet());
        entries.sort(Map.Entry.comparingByKey(BY_VALUES));
        return entries;
    }
}
