package dev.taskgateway.api;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents the problems every action can answer: bad input (400), a state or an
 * {@code Idempotency-Key} in progress that forbids it (409), a reused key (422).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "400", ref = OpenApiConfiguration.INVALID_REQUEST)
@ApiResponse(responseCode = "409", ref = OpenApiConfiguration.ACTION_CONFLICT)
@ApiResponse(responseCode = "422", ref = OpenApiConfiguration.IDEMPOTENCY_KEY_REUSED)
@interface ActionProblems {
}
