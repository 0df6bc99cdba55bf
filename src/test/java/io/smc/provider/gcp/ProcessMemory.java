package io.smc.provider.gcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The benchmark process's memory at one moment: the Java heap in use and the peak resident set so far. The fake
 * Secret Manager runs in the same process, so both include its copy of every secret.
 *
 * @param peakRssKib {@code VmHWM} of {@code /proc/self/status}; empty where there is no such file
 */
record ProcessMemory(long heapUsedBytes, OptionalLong peakRssKib) {
    private static final Path STATUS = Path.of("/proc/self/status");

    static ProcessMemory now() {
        Runtime runtime = Runtime.getRuntime();
        return new ProcessMemory(runtime.totalMemory() - runtime.freeMemory(), peakRss());
    }

    private static OptionalLong peakRss() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException | UnsupportedOperationException notLinux) {
            // reported as unknown
        }
        return OptionalLong.empty();
    }

    String describe() {
        String heap = (heapUsedBytes >> 20) + " MiB heap used";
        return peakRssKib.isPresent() ? heap + ", " + (peakRssKib.getAsLong() >> 10) + " MiB peak RSS" : heap;
    }
}
