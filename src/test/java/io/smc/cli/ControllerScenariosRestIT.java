package io.smc.cli;

/** The scenarios with the controller talking REST to Secret Manager ({@code --gcp-transport rest}). */
class ControllerScenariosRestIT extends ControllerScenarios {
    @Override
    String transport() {
        return "rest";
    }
}
