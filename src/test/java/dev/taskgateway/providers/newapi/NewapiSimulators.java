package dev.taskgateway.providers.newapi;

import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.NewapiSimulator;
import dev.taskgateway.demo.SimulatorServer;

/** A running new-api simulator on a free loopback port, for tests of the adapter over real HTTP. */
record NewapiSimulators(NewapiSimulator simulator, SimulatorServer server) implements AutoCloseable {


    /** Starts {@code simulator} on port 0. */
    static NewapiSimulators start(NewapiSimulator simulator) {
        return new NewapiSimulators(simulator, SimulatorServer.start("new-api-test", 0, Faults.NONE, simulator));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    @Override
    public void close() {
        server.close();
    }
}
