package io.smc.cli;

import io.smc.plan.Applier;
import io.smc.plan.AppliedAction;
import io.smc.plan.KnownValues;
import io.smc.plan.Plan;
import io.smc.plan.Planner;
import io.smc.provider.StoreException;
import io.smc.secrets.DesiredState;
import java.util.List;

/** {@code sync}: plans, then applies the plan, holding the store's lock throughout. */
final class SyncCommand implements Command {
    @Override
    public String name() {
        return "sync";
    }

    @Override
    public String summary() {
        return "publish the source's secrets to the store (exit 0: in step, 1: errors)";
    }

    @Override
    public String usage() {
        return "Usage: " + Main.PROGRAM + " sync [options]\n\n"
                + "Plans as 'plan' does, then applies the plan and reports each action's result. Keys with problems\n"
                + "are left out and reported; everything else is applied. A secret that another config owns, or\n"
                + "that no config owns without adoptionPolicy: Adopt, stops the whole sync before it writes.\n"
                + "Nothing is deleted unless --prune is given (with --config).\n"
                + "Exit code: 0 the store is in step, 1 a problem or a failed action.\n\n"
                + PipelineOptions.HELP;
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        PipelineOptions pipeline = PipelineOptions.parse(args, terminal);
        PipelineOptions.Resolved source = pipeline.resolveSource(terminal);
        DesiredState desired = pipeline.readSource(source.root());
        List<AppliedAction> results;
        Plan plan;
        try (StoreOption.Opened store = pipeline.store().open(true)) {
            KnownValues known = KnownValues.fresh();
            plan = new Planner(store.store(), pipeline.policy(), known, store.parallelism()).plan(desired);
            results = new Applier(store.store(), pipeline.policy(), known, store.parallelism()).apply(plan);
        } catch (StoreException e) {
            throw new CommandFailure(e.getMessage());
        }
        Report report = Report.ofSync(plan, results).withRevision(source.revision());
        report.print(terminal, pipeline.json());
        boolean failed = results.stream().anyMatch(AppliedAction::failed);
        return plan.problems().isEmpty() && plan.writable() && !failed ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
