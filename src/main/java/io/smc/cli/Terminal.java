package io.smc.cli;

import java.io.PrintStream;

/** Where a command writes: reports to {@code out}, errors and notes to {@code err}. */
record Terminal(PrintStream out, PrintStream err) {
}
