package dev.taskgateway.providers.newapi;

import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.NewApiSimulator;
import dev.taskgateway.demo.SimulatorServer;

/** A running new-api simulator on a free loopback port, for tests of the adapter over real HTTP. */
record NewApiSimulators(NewApiSimulator simulator, SimulatorServer server) implements AutoCloseable {


    /** Starts {@code simulator} on port 0. */
    static NewApiSimulators start(NewApiSimulator simulator) {
        return new NewApiSimulators(simulator, SimulatorServer.start("new-api-test", 0, Faults.NONE, simulator));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    @Override
    public void close() {
        server.close();
    }
}
