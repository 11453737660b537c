package dev.taskgateway.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code taskgateway.demo.*}: the built-in provider simulators of the demo and simulator profiles. */
@ConfigurationProperties("taskgateway.demo")
public class DemoProperties {

    /** Seed of the generated data sets; the same seed gives the same tasks. */
    private long seed = 42;

    /** Tasks per simulator (four simulators: about 2,000 tasks in all by default). */
    private int tasksPerProvider = 500;

    /** Latency every simulator adds to each answer. */
    private Duration latency = Duration.ZERO;

    /**
     * Address the simulators listen on. Loopback by default, so nothing outside this host reaches
     * them; {@code 0.0.0.0} in a container whose simulators other containers call (docker-compose.yml).
     */
    private String bindAddress = "127.0.0.1";

    /** Fixed ports of the simulators (documented in docs/simulators.md). */
    private Ports ports = new Ports();

    public long getSeed() { return seed; }
    public void setSeed(long seed) { this.seed = seed; }
    public int getTasksPerProvider() { return tasksPerProvider; }
    public void setTasksPerProvider(int tasksPerProvider) { this.tasksPerProvider = tasksPerProvider; }
    public Duration getLatency() { return latency; }
    public void setLatency(Duration latency) { this.latency = latency; }
    public String getBindAddress() { return bindAddress; }
    public void setBindAddress(String bindAddress) { this.bindAddress = bindAddress; }
    public Ports getPorts() { return ports; }
    public void setPorts(Ports ports) { this.ports = ports; }

    /** Fixed ports of the simulators; 0 picks a free one (tests). */
    public static class Ports {

        /** Longlonglong simulator port. */
        private int longlonglong = 18901;

        /** NXLink simulator port (both demo regions share it; keys differ). */
        private int nxlink = 18902;

        /** new-api simulator port. */
        private int newApi = 18903;

        /** TikMatrix simulator port. */
        private int tikmatrix = 18904;

        public int getLonglonglong() { return longlonglong; }
        public void setLonglonglong(int longlonglong) { this.longlonglong = longlonglong; }
        public int getNxlink() { return nxlink; }
        public void setNxlink(int nxlink) { this.nxlink = nxlink; }
        public int getNewApi() { return newApi; }
        public void setNewApi(int newApi) { this.newApi = newApi; }
        public int getTikmatrix() { return tikmatrix; }
        public void setTikmatrix(int tikmatrix) { this.tikmatrix = tikmatrix; }
    }
}
