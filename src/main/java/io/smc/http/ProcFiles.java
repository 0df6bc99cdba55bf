package io.smc.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * What Linux tells a process about itself under {@code /proc/self}. Every reading is empty when the file is missing
 * (not Linux) or not as expected: a scrape then shows the last value rather than failing.
 */
final class ProcFiles {
    private static final double KIB = 1024;

    private final Path self;

    /** @param self the {@code /proc/self} directory, or a copy of its files */
    ProcFiles(Path self) {
        this.self = self;
    }

    static ProcFiles ofThisProcess() {
        return new ProcFiles(Path.of("/proc/self"));
    }

    /** {@code VmRSS} of {@code status}: memory held in RAM. */
    OptionalDouble residentBytes() {
        return kibibytes(lines("status"), "VmRSS:");
    }

    /** {@code VmSize} of {@code status}: the whole address space. */
    OptionalDouble virtualBytes() {
        return kibibytes(lines("status"), "VmSize:");
    }

    /** Entries of {@code fd}, which count the descriptor of the listing itself, as every exporter's count does. */
    OptionalDouble openFds() {
        try (Stream<Path> fds = Files.list(self.resolve("fd"))) {
            return OptionalDouble.of(fds.count());
        } catch (IOException | UncheckedIOException e) {
            return OptionalDouble.empty();
        }
    }

    /** The soft limit on open files in {@code limits}; infinite for {@code unlimited}. */
    OptionalDouble maxFds() {
        return softLimit(lines("limits"), "Max open files");
    }

    private List<String> lines(String file) {
        try {
            return Files.readAllLines(self.resolve(file));
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** A {@code Name:   1234 kB} line of {@code status}, in bytes. */
    static OptionalDouble kibibytes(List<String> status, String field) {
        for (String line : status) {
            if (line.startsWith(field)) {
                String[] parts = line.substring(field.length()).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    return number(parts[0], KIB);
                }
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    /** A {@code Max open files   1024   4096   files} line of {@code limits}: the first figure. */
    static OptionalDouble softLimit(List<String> limits, String name) {
        for (String line : limits) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                if (parts[0].equals("unlimited")) {
                    return OptionalDouble.of(Double.POSITIVE_INFINITY);
                }
                return number(parts[0], 1);
            }
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble number(String digits, double unit) {
        try {
            return OptionalDouble.of(Long.parseLong(digits) * unit);
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
