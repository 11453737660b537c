package dev.taskgateway.api;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents the upstream failures (502, 503, 504 {@code upstream-failure}) of an operation that
 * asks a source; springdoc reads {@link ApiResponse} through meta-annotations.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "502", ref = OpenApiConfiguration.UPSTREAM_502)
@ApiResponse(responseCode = "503", ref = OpenApiConfiguration.UPSTREAM_503)
@ApiResponse(responseCode = "504", ref = OpenApiConfiguration.UPSTREAM_504)
@interface UpstreamProblems {
}
