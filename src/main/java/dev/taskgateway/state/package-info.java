/**
 * Where the gateway keeps the state replicas must share ({@code taskgateway.state.store}): by
 * default in each process ({@code memory}), or in Redis ({@code redis}), so that several replicas
 * behind a load balancer act as one — idempotency keys, per-key and failed-auth limits, provider
 * budgets, and invalidation of held reads (docs/operations.md "Running several replicas").
 *
 * <p>This package holds the port ({@link dev.taskgateway.state.SharedState}) the other packages
 * use when it is present, and its Redis implementation; with {@code memory} there is no such bean
 * and every caller keeps its in-process code path.
 */
package dev.taskgateway.state;
