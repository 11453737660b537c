package dev.taskgateway.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet error page ({@code /error}) as a problem, in place of Spring Boot's JSON map: what
 * Tomcat forwards here (a body it could not read, an exception that escaped a filter) gets the
 * same {@code application/problem+json} shape as every other error, whatever the Accept header.
 * Spring MVC's own errors never come here; {@code api/ProblemHandler} answers those.
 */
@Controller
class ErrorPageController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 404;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String instance = uri instanceof String s ? s : request.getRequestURI();
        String requestId = ProblemWriter.requestId(request, response);
        ProblemWriter.write(response, switch (status) {
            case 400 -> ProblemWriter.problem(400, "malformed-request", "Malformed request",
                    "the request could not be read (for example a malformed chunked body)", instance, requestId);
            case 500 -> ProblemWriter.problem(500, "internal-error", "Internal error",
                    "the gateway failed; quote the requestId when you report it", instance, requestId);
            default -> ProblemWriter.forStatus(status, instance, requestId);
        });
    }
}
