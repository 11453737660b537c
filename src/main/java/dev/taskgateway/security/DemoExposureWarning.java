package dev.taskgateway.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The demo's key ({@code demo}, every role) is printed in the README: when the demo listens beyond
 * loopback (no {@code server.address}, or a non-loopback one — as in a container) anyone who can
 * reach the port can stop and delete tasks. Says so loudly, at WARN, once the port is open.
 */
@Component
@Profile("demo & !simulator")
class DemoExposureWarning implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoExposureWarning.class);

    private final Environment environment;

    DemoExposureWarning(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        String address = environment.getProperty("server.address");
        if (beyondLoopback(address)) {
            LOG.warn("""

                    !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
                    !! DEMO PROFILE LISTENING BEYOND LOOPBACK ({}:{})
                    !! Anyone who can reach this port can use the well-known demo key 'demo',
                    !! which has every role: read, stop, delete, create, actuator.
                    !! Only for trying the gateway. Bind to loopback (server.address=127.0.0.1)
                    !! or run the prod profile with your own keys (docs/security.md).
                    !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!""",
                    address == null ? "all interfaces" : address, event.getWebServer().getPort());
        }
    }

    /** True unless {@code address} names a loopback address; null (all interfaces) is beyond. */
    static boolean beyondLoopback(String address) {
        if (address == null || address.isBlank()) {
            return true;
        }
        try {
            return !InetAddress.getByName(address.trim()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }
}
