package io.smc.cli;

import io.smc.plan.KnownValues;
import io.smc.plan.Plan;
import io.smc.plan.Planner;
import io.smc.provider.StoreException;
import io.smc.secrets.DesiredState;
import java.util.List;

/** {@code plan}: what a sync would do, without doing it. */
final class PlanCommand implements Command {
    @Override
    public String name() {
        return "plan";
    }

    @Override
    public String summary() {
        return "show what sync would change in the store (exit 0: nothing, 2: changes, 1: errors)";
    }

    @Override
    public String usage() {
        return "Usage: " + Main.PROGRAM + " plan [options]\n\n"
                + "Reads the secrets files of one environment and compares them with the store. Changes nothing.\n"
                + "Exit code: 0 no changes, 2 changes pending, 1 errors (problems are listed in the report).\n\n"
                + PipelineOptions.HELP;
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        PipelineOptions pipeline = PipelineOptions.parse(args, terminal);
        PipelineOptions.Resolved source = pipeline.resolveSource(terminal);
        DesiredState desired = pipeline.readSource(source.root());
        Plan plan;
        try (StoreOption.Opened store = pipeline.store().open(false)) {
            plan = new Planner(store.store(), pipeline.policy(), KnownValues.fresh(), store.parallelism())
                    .plan(desired);
        } catch (StoreException e) {
            throw new CommandFailure(e.getMessage());
        }
        Report report = Report.ofPlan(plan).withRevision(source.revision());
        report.print(terminal, pipeline.json());
        if (!plan.problems().isEmpty() || !plan.writable()) {
            return ExitCodes.FAILURE;
        }
        return plan.hasChanges() ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
    }
}
