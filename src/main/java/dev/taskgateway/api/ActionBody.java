package dev.taskgateway.api;

/**
 * A request body of an action. Read as JSON whatever {@code Content-Type} says (form and multipart
 * bodies are refused earlier), as the actions always have: see {@link ActionBodyReading}.
 */
sealed interface ActionBody permits BatchDeleteRequest, CreateRequest {
}
