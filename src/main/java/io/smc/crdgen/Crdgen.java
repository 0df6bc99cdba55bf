package io.smc.crdgen;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A main for build tools and the Tiltfile ({@code java -cp … io.smc.crdgen.Crdgen [FILE]}): writes the CRD to FILE
 * (default {@value CrdFile#DEFAULT_PATH}) without going through the command line's dispatcher.
 */
public final class Crdgen {
    private Crdgen() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : CrdFile.DEFAULT_PATH);
        System.err.println((CrdFile.write(file) ? "wrote " : "up to date: ") + file);
    }
}
