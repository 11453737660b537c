package dev.taskgateway.http;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report for requests it refuses before the gateway sees them (a malformed request
 * line or URI, an encoded slash, headers over {@code server.max-http-request-header-size}),
 * written as {@code application/problem+json} instead of Tomcat's HTML page. It says what kind of
 * problem it was and never echoes the request. Tomcat's 501 and 505 (CONNECT, an unknown
 * transfer coding or HTTP version) become 400: malformed requests, not gateway failures.
 */
public final class ContainerErrorValve extends ErrorReportValve {


    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if (status == 501 || status == 505) {
            // An HTTP version, method (CONNECT) or transfer coding Tomcat does not speak is the
            // client's mistake; a 5xx would count against the gateway's error rate.
            status = 400;
            response.setStatus(status);
        }
        String requestId = response.getHeader(RequestIds.HEADER) != null ? response.getHeader(RequestIds.HEADER)
                : RequestIds.next();
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader(RequestIds.HEADER, requestId);
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                ProblemDetail problem = body(status, requestId);
                if (status == 400) {
                    namedParts(request, problem);
                }
                writer.write(ProblemWriter.json(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed; nothing more to say
        }
    }

    /** Names a path id, parameter or header with a control character, as the firewall's refusals do. */
    private static void namedParts(Request request, ProblemDetail problem) {
        try {
            var errors = RejectedParts.errors(request);
            if (!errors.isEmpty()) {
                problem.setProperty("errors", errors);
            }
        } catch (RuntimeException unreadable) {
            // a request Tomcat could not parse may not answer these questions either
        }
    }

    static ProblemDetail body(int status, String requestId) {
        return status == 400
                ? ProblemWriter.problem(400, "malformed-request", "Malformed request", "the request could not be read: "
                        + "a malformed request line, URI, percent-encoding or header, an encoded '/' or '\\' in "
                        + "the path, or headers over the size limit", null, requestId)
                : ProblemWriter.forStatus(status, null, requestId);
    }

    /**
     * Puts this valve in place of the {@link ErrorReportValve} that Spring Boot adds to the host.
     * Runs after Boot's own customizer (which adds that valve), hence the lowest precedence.
     */
    public static final class Installer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Container parent = context.getParent();
                for (Valve valve : parent.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        parent.getPipeline().removeValve(valve);
                    }
                }
                parent.getPipeline().addValve(new ContainerErrorValve());
                if (parent instanceof StandardHost host) {
                    // The host adds a valve of this class at start when it has none; make it this one.
                    host.setErrorReportValveClass(ContainerErrorValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
