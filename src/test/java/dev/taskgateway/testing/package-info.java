/**
 * Test doubles shared by the tests of every package: one {@link dev.taskgateway.testing.MutableClock},
 * one {@link dev.taskgateway.testing.FakeTaskSource}. Test code only; nothing in src/main may use it.
 */
package dev.taskgateway.testing;
