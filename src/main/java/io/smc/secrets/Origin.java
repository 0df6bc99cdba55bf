package io.smc.secrets;

/**
 * Where a secret entry was written: a file path relative to the source root, and a 1-based line (0 when the
 * format has no line for it, as for a whole properties file).
 */
public record Origin(String file, int line) {
    public static Origin of(String file) {
        return new Origin(file, 0);
    }

    public Origin atLine(int line) {
        return new Origin(file, line);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
