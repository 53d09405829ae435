/**
 * Messaging helpers: an {@link io.ringbus.patterns.messaging.IdempotentConsumer} that drops redelivered messages
 * by id, and a {@link io.ringbus.patterns.messaging.ClaimCheck} that keeps large payloads out of events and
 * messages, which carry a small {@link io.ringbus.patterns.messaging.Claim} instead.
 */
package io.ringbus.patterns.messaging;
