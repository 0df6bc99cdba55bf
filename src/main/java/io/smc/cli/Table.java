package io.smc.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table as kubectl prints one: upper-case headers, columns three spaces apart, no trailing blanks. */
final class Table {
    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> headers) {
        rows.add(List.copyOf(headers));
    }

    Table row(List<String> cells) {
        rows.add(cells.stream().map(cell -> cell == null || cell.isEmpty() ? "-" : cell).toList());
        return this;
    }

    String render() {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        rows.forEach(row -> {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row.get(i) : String.format("%-" + (widths[i] + 3) + "s", row.get(i)));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
