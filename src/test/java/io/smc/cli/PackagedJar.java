package io.smc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The jar {@code mvn package} built, started as the README documents it: this JVM's {@code java} with the launcher's
 * JVM options (the build passes them as {@code smc.jvm.options}), then {@code -jar}.
 */
final class PackagedJar {
    static final Path JAR = Path.of(System.getProperty("smc.jar", "target/secret-manager-controller.jar"))
            .toAbsolutePath();

    private PackagedJar() {
    }

    /** The command line that runs the jar with {@code args}. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : System.getProperty("smc.jvm.options", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(Arrays.asList(args));
        return command;
    }
}
