package io.smc.cli;

/** The scenarios with the controller talking gRPC to Secret Manager, its default transport. */
class ControllerScenariosGrpcIT extends ControllerScenarios {
    @Override
    String transport() {
        return "grpc";
    }
}
