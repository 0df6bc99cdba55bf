package io.smc.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Configures the JVM's one JUL tree, so each test starts from and leaves the JDK's default configuration. */
class LoggingTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);

    @BeforeEach
    @AfterEach
    void restoreJdkDefaults() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void replacesTheJdkConsoleHandlerAndAgainOnEachCall() {
        Logger root = Logger.getLogger("");
        assertTrue(Arrays.stream(root.getHandlers()).anyMatch(ConsoleHandler.class::isInstance),
                "the JDK default this replaces");
        ByteArrayOutputStream firstBytes = new ByteArrayOutputStream();

        Logging.configure(Level.INFO, LogFormat.TEXT, new PrintStream(firstBytes, true, StandardCharsets.UTF_8));
        Logging.configure(Level.INFO, LogFormat.JSON, out);
        Log.of("io.smc.test.Restarted").info("once", "n", 1);

        Handler[] handlers = root.getHandlers();
        assertEquals(1, handlers.length, Arrays.toString(handlers));
        assertTrue(handlers[0] instanceof LineHandler);
        assertEquals(List.of("once"), messages());
        assertEquals("", firstBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void atInfoDebugLinesAreDropped() {
        Logging.configure(LogLevel.INFO.jdkLevel(), LogFormat.JSON, out);
        Log log = Log.of("io.smc.test.Quiet");

        log.debug("hidden");
        log.info("shown");
        log.warn("warned");

        assertFalse(log.debugEnabled());
        assertEquals(List.of("shown", "warned"), messages());
    }

    @Test
    void atErrorOnlyErrorsAreWrittenByOursAndTheirs() {
        Logging.configure(LogLevel.ERROR.jdkLevel(), LogFormat.JSON, out);

        Log.of("io.smc.test.Strict").warn("our warning");
        Logger.getLogger("io.grpc.internal.ManagedChannelImpl").warning("their warning");
        Log.of("io.smc.test.Strict").error("our error");
        Logger.getLogger("io.grpc.internal.ManagedChannelImpl").severe("their error");

        assertEquals(List.of("our error", "their error"), messages());
    }

    @Test
    void atInfoThirdPartyLoggersAreHeldAtWarn() {
        Logging.configure(Level.INFO, LogFormat.JSON, out);

        for (String name : Logging.noisyLoggerNames()) {
            Logger logger = Logger.getLogger(name + ".Chatty");
            logger.info(name + " chatter");
            logger.warning(name + " trouble");
        }
        Logger.getLogger("org.example.Other").info("other library info");

        List<String> expected = new java.util.ArrayList<>();
        Logging.noisyLoggerNames().forEach(name -> expected.add(name + " trouble"));
        expected.add("other library info");
        assertEquals(expected, messages());
        assertEquals(List.of("io.grpc", "io.netty", "com.google", "org.apache.http", "sun", "jdk",
                "javax.management"), Logging.noisyLoggerNames());
    }

    @Test
    void atDebugOurLoggersWriteDebugLinesAndLibrariesStayAtWarn() {
        Logging.configure(LogLevel.DEBUG.jdkLevel(), LogFormat.JSON, out);

        Log.of("io.smc.test.Verbose").debug("ours");
        Logger.getLogger("io.netty.channel.Pipeline").fine("theirs");
        Logger.getLogger("io.netty.channel.Pipeline").finest("finer than debug");

        Logger.getLogger("jdk.internal.httpclient.debug").fine("request headers");
        Logger.getLogger("io.netty.channel.Pipeline").warning("their trouble");

        assertTrue(Log.of("io.smc.test.Verbose").debugEnabled());
        assertEquals(List.of("ours", "their trouble"), messages());
    }

    @Test
    void aLowerLevelAfterAHigherOneLetsThirdPartyWarningsThroughAgain() {
        Logging.configure(Level.SEVERE, LogFormat.JSON, out);
        Logging.configure(Level.FINE, LogFormat.JSON, out);

        Logger.getLogger("com.google.auth.Credentials").info("token refreshed");
        Logger.getLogger("com.google.auth.Credentials").warning("refresh failed");

        assertEquals(List.of("refresh failed"), messages());
    }

    @Test
    void systemLoggerLinesArriveFormattedWithTheirParametersAndWithoutTheirExceptionMessage() {
        Logging.configure(Level.INFO, LogFormat.JSON, out);
        System.Logger logger = System.getLogger("io.smc.source.argocd.GitFetcher");

        logger.log(System.Logger.Level.WARNING, "cannot evict old commits under {0}: {1}", "/cache/repo", "busy");
        logger.log(System.Logger.Level.ERROR, "clone failed", new IOException("MARKER token=abc"));

        String written = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(written.contains("MARKER"), written);
        List<String> lines = written.lines().toList();
        assertEquals(2, lines.size(), written);
        var first = JsonLineFormatterTest.parse(lines.get(0));
        assertEquals("cannot evict old commits under /cache/repo: busy", first.get("msg").textValue());
        assertEquals("io.smc.source.argocd.GitFetcher", first.get("logger").textValue());
        assertEquals("warn", first.get("level").textValue());
        var second = JsonLineFormatterTest.parse(lines.get(1));
        assertEquals("error", second.get("level").textValue());
        assertEquals("java.io.IOException", second.get("error").textValue());
    }

    /** The {@code msg} of each line written, in order; each line must be valid JSON. */
    private List<String> messages() {
        return bytes.toString(StandardCharsets.UTF_8).lines()
                .map(line -> JsonLineFormatterTest.parse(line).get("msg").textValue())
                .toList();
    }
}
