package dev.taskgateway.api;

import dev.taskgateway.core.ActionConflictException;
import dev.taskgateway.core.ActionNotSupportedException;
import dev.taskgateway.core.TaskNotFoundException;
import dev.taskgateway.core.UnknownSourceException;
import dev.taskgateway.http.ProblemWriter;
import dev.taskgateway.http.RequestIds;
import dev.taskgateway.state.SharedStateUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error as {@code application/problem+json} (RFC 9457, made by {@link ProblemWriter#problem}) with
 * {@code requestId}, plus
 * {@code errors[]} for bad input and {@code sources[]} for upstream failures. Types are listed in
 * docs/problems.md.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                e.errors().size() == 1 ? e.errors().get(0).field() + ": " + e.errors().get(0).message()
                        : e.errors().size() + " parameters are invalid; see errors", request);
        problem.setProperty("errors", e.errors());
        return respond(problem);
    }

    @ExceptionHandler(UnknownSourceException.class)
    ResponseEntity<Object> unknownSource(UnknownSourceException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                e.getMessage(), request);
        problem.setProperty("errors", List.of(new InvalidRequestException.FieldError("source", e.getMessage())));
        return respond(problem);
    }

    @ExceptionHandler(TaskNotFoundException.class)
    ResponseEntity<Object> notFound(TaskNotFoundException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, "task-not-found", "Task not found", e.getMessage(), request));
    }

    @ExceptionHandler(ActionNotSupportedException.class)
    ResponseEntity<Object> notSupported(ActionNotSupportedException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_IMPLEMENTED, "action-not-supported", "Action not supported",
                e.getMessage(), request));
    }

    @ExceptionHandler(ActionConflictException.class)
    ResponseEntity<Object> conflict(ActionConflictException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONFLICT, "action-conflict", "Task state forbids the action",
                e.getMessage(), request));
    }

    @ExceptionHandler(IdempotencyStore.IdempotencyMismatchException.class)
    ResponseEntity<Object> idempotencyMismatch(RuntimeException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
                e.getMessage(), request));
    }

    @ExceptionHandler(IdempotencyStore.IdempotencyInProgressException.class)
    ResponseEntity<Object> idempotencyInProgress(RuntimeException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .header(HttpHeaders.RETRY_AFTER,
                        Long.toString(IdempotencyStore.IdempotencyInProgressException.RETRY_AFTER_SECONDS))
                .body(problem(HttpStatus.CONFLICT, "idempotency-key-in-progress", "Idempotency-Key in progress",
                        e.getMessage(), request));
    }

    /** The shared store ({@code taskgateway.state.store=redis}) did not answer: refused before anything ran. */
    @ExceptionHandler(SharedStateUnavailableException.class)
    ResponseEntity<Object> sharedStateUnavailable(SharedStateUnavailableException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(SharedStateUnavailableException.RETRY_AFTER_SECONDS))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "shared-state-unavailable", "Shared state unavailable",
                        "the store replicas share Idempotency-Keys in did not answer, so the action was not sent "
                                + "(it could otherwise run twice); retry after Retry-After seconds", request));
    }

    @ExceptionHandler(SourcesFailedException.class)
    ResponseEntity<Object> sourcesFailed(SourcesFailedException e, HttpServletRequest request) {
        HttpStatus status = e.status();
        ProblemDetail problem = problem(status, "upstream-failure", "No source answered",
                "none of the selected sources answered; see sources", request);
        problem.setProperty("sources", e.reports().stream().map(SourceReportBody::from).toList());
        HttpHeaders headers = new HttpHeaders();
        e.reports().stream().map(r -> r.error() == null ? null : r.error().retryAfterSeconds())
                .filter(Objects::nonNull).max(Long::compare)
                .ifPresent(seconds -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        LOG.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the gateway failed; quote the requestId when you report it", request));
    }

    /** A body that binds but breaks its record's constraints: each broken field is named. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<InvalidRequestException.FieldError> errors = new ArrayList<>(ex.getBindingResult().getFieldErrors()
                .stream().map(e -> new InvalidRequestException.FieldError(e.getField(), e.getDefaultMessage()))
                .sorted(Comparator.comparing(InvalidRequestException.FieldError::field)).toList());
        ex.getBindingResult().getGlobalErrors()
                .forEach(e -> errors.add(new InvalidRequestException.FieldError("body", e.getDefaultMessage())));
        return invalid(new InvalidRequestException(errors), servlet(request));
    }

    /** A body that does not bind (missing, not JSON, a member of the wrong JSON type): see {@link BodyErrors}. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        HttpServletRequest servlet = servlet(request);
        return invalid(BodyErrors.unreadable(ex, servlet.getContentLengthLong() > 0), servlet);
    }

    /**
     * Spring MVC's own errors (404 route, 405, 406, 415...) get the same shape. An unknown path says
     * so in our words, as the filters' 404 does, not Spring's "No static resource x." (it has no static
     * resources to offer there).
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            String slug = statusCode.value() == 404 ? "not-found" : "http-" + statusCode.value();
            problem.setType(URI.create("/problems/" + slug));
            if (ex instanceof NoResourceFoundException) {
                problem.setDetail(ProblemWriter.NO_SUCH_ENDPOINT);
            }
            problem.setProperty("requestId", RequestIds.current());
        }
        return response;
    }

    static ProblemDetail problem(HttpStatus status, String slug, String title, String detail,
                                 HttpServletRequest request) {
        return ProblemWriter.problem(status.value(), slug, title, detail, request.getRequestURI(),
                request.getAttribute(RequestIds.ATTRIBUTE));
    }

    private static HttpServletRequest servlet(WebRequest request) {
        return ((ServletWebRequest) request).getRequest();
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
