package dev.taskgateway.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives a problem body to error answers that would leave empty: the actuator answers an unknown
 * health component, metric or property with a bare 404, and a 405 or 406 it cannot render with
 * none at all. Answers that wrote a body, and committed ones, pass untouched.
 */
public final class EmptyErrorBodyFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BodyWatch watched = new BodyWatch(response);
        chain.doFilter(request, watched);
        if (response.getStatus() >= 400 && !watched.bodyStarted && !response.isCommitted()
                && !"HEAD".equals(request.getMethod())) {
            response.setContentLengthLong(-1);
            ProblemWriter.write(response, ProblemWriter.forStatus(response.getStatus(), request.getRequestURI(),
                    ProblemWriter.requestId(request, response)));
        }
    }

    /** Notes whether anyone asked for the body's stream or writer. */
    private static final class BodyWatch extends HttpServletResponseWrapper {

        private boolean bodyStarted;

        BodyWatch(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            bodyStarted = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            bodyStarted = true;
            return super.getWriter();
        }
    }
}
