package io.smc.secrets;

import java.util.List;

/**
 * The secrets one revision asks for, sorted by name, with the problems that kept some of them out and notes
 * (services without the environment's profile) that are worth showing but are not errors.
 */
public record DesiredState(List<DesiredSecret> secrets, List<Problem> problems, List<String> notes, int services) {
    public DesiredState {
        secrets = List.copyOf(secrets);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }
}
