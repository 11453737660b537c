package dev.taskgateway.core;

/**
 * Where a walk stands: the position of the last task handed out and the page number the next
 * page will have. Decoded only by {@link CursorCodec}, which checks that it was made by this
 * gateway for the same filters and page size.
 */
public record Cursor(Position after, int pageNumber) {
}
