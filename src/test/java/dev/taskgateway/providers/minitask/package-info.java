/**
 * Minitask: a made-up provider that exists only in the tests, added by following
 * docs/architecture.md "How to add a provider" to prove the recipe: this package and its tests are
 * the whole change.
 *
 * <p>Its API: {@code GET /v1/jobs?page=N&limit=M} (pages from 1, at most 50 a page, no promised
 * order) with {@code Authorization: Token <token>}, answering
 * {@code {"jobs":[{"ref","title","state","created"}],"total":N}}; {@code created} is ISO-8601 with
 * an offset; {@code state} is {@code queued}, {@code working}, {@code done} or {@code broken}.
 * No detail endpoint: a task is found by reading the list. {@link MinitaskServer} plays it.
 */
package dev.taskgateway.providers.minitask;
