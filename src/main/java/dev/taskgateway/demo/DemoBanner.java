package dev.taskgateway.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Tells a newcomer, once, where to curl and with which key. Demo profile only. */
@Component
@Profile("demo & !simulator")
class DemoBanner implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoBanner.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        String base = "http://localhost:" + port;
        LOG.info("""

                ==============================================================
                 Task Gateway demo is ready at {}
                 Demo API key: demo   (demo profile only; every role)
                 Console: {}/console/   (paste the key)
                 Try:
                   curl -s -H 'X-API-Key: demo' '{}/tasks?size=5'
                   curl -s -H 'X-API-Key: demo' '{}/tasks?status=FAILED,RUNNING&size=20'
                   curl -s -H 'X-API-Key: demo' '{}/sources'
                 API docs (no key): {}/swagger-ui.html
                 Health (no key):   {}/actuator/health
                ==============================================================""",
                base, base, base, base, base, base, base);
    }
}
