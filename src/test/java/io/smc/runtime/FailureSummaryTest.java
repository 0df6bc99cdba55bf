package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FailureSummaryTest {
    /** A checked exception of the project, whose messages name things and never hold values. */
    private static final class ProjectFailure extends Exception {
        ProjectFailure(String message) {
            super(message);
        }
    }

    /** An unchecked exception of the project: it may wrap anything, so its message is not trusted. */
    private static final class ProjectCarrier extends RuntimeException {
        ProjectCarrier(String message) {
            super(message);
        }
    }

    @Test
    void showsTheMessageOfATerminalFailure() {
        assertEquals("io.smc.runtime.TerminalException: spec.sourceRef.name is empty",
                FailureSummary.of(new TerminalException("spec.sourceRef.name is empty")));
    }

    @Test
    void showsTheMessageOfTheProjectsCheckedExceptions() {
        assertEquals(ProjectFailure.class.getName() + ": secrets.env line 3: no '='",
                FailureSummary.of(new ProjectFailure("secrets.env line 3: no '='")));
    }

    @Test
    void showsOnlyTheClassOfExceptionsWhoseMessagesMayQuoteInput() {
        assertEquals("java.lang.IllegalArgumentException",
                FailureSummary.of(new IllegalArgumentException("cannot parse 'hunter2'")));
        assertEquals("java.io.IOException", FailureSummary.of(new IOException("password=hunter2")));
        assertEquals(ProjectCarrier.class.getName(), FailureSummary.of(new ProjectCarrier("value hunter2")));
        assertEquals("java.lang.AssertionError", FailureSummary.of(new AssertionError("hunter2")));
    }

    @Test
    void aTerminalFailureWithoutAMessageShowsItsClass() {
        assertEquals("io.smc.runtime.TerminalException", FailureSummary.of(new TerminalException(null)));
    }
}
