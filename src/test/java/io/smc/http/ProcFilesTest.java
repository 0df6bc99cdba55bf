package io.smc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFilesTest {
    // Trimmed from a real /proc/self/status and /proc/self/limits.
    private static final String STATUS = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            VmPeak:\t 3871236 kB
            VmSize:\t 3805700 kB
            VmLck:\t       0 kB
            VmHWM:\t   61412 kB
            VmRSS:\t   61336 kB
            RssAnon:\t   37252 kB
            Threads:\t19
            """;
    private static final String LIMITS = """
            Limit                     Soft Limit           Hard Limit           Units
            Max cpu time              unlimited            unlimited            seconds
            Max processes             63354                63354                processes
            Max open files            1024                 524288               files
            Max locked memory         8388608              8388608              bytes
            """;

    @TempDir
    Path self;

    private ProcFiles proc() {
        return new ProcFiles(self);
    }

    @Test
    void readsResidentAndVirtualMemoryInBytes() throws Exception {
        Files.writeString(self.resolve("status"), STATUS);

        assertEquals(OptionalDouble.of(61336 * 1024.0), proc().residentBytes());
        assertEquals(OptionalDouble.of(3805700 * 1024.0), proc().virtualBytes());
    }

    @Test
    void countsTheEntriesOfFd() throws Exception {
        Path fd = Files.createDirectory(self.resolve("fd"));
        for (String name : new String[] {"0", "1", "2", "7"}) {
            Files.createFile(fd.resolve(name));
        }

        assertEquals(OptionalDouble.of(4), proc().openFds());
    }

    @Test
    void readsTheSoftLimitOnOpenFiles() throws Exception {
        Files.writeString(self.resolve("limits"), LIMITS);

        assertEquals(OptionalDouble.of(1024), proc().maxFds());
    }

    @Test
    void anUnlimitedLimitIsInfinite() throws Exception {
        Files.writeString(self.resolve("limits"), LIMITS.replace("1024                 524288",
                "unlimited            unlimited"));

        assertEquals(OptionalDouble.of(Double.POSITIVE_INFINITY), proc().maxFds());
    }

    @Test
    void everyReadingIsEmptyWhereThereIsNoProc() {
        ProcFiles missing = new ProcFiles(self.resolve("no-such-process"));

        assertEquals(OptionalDouble.empty(), missing.residentBytes());
        assertEquals(OptionalDouble.empty(), missing.virtualBytes());
        assertEquals(OptionalDouble.empty(), missing.openFds());
        assertEquals(OptionalDouble.empty(), missing.maxFds());
    }

    @Test
    void aLineNotAsExpectedReadsAsNothing() throws Exception {
        Files.writeString(self.resolve("status"), "VmRSS:\t 61336 MB\nVmSize:\tlots kB\n");
        Files.writeString(self.resolve("limits"), "Max open files            many                 many      files\n");

        assertEquals(OptionalDouble.empty(), proc().residentBytes());
        assertEquals(OptionalDouble.empty(), proc().virtualBytes());
        assertEquals(OptionalDouble.empty(), proc().maxFds());
    }
}
