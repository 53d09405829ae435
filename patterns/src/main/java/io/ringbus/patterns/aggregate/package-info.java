/**
 * Event-sourced aggregates in the decider style: {@code decide(command, state) -> events} and
 * {@code evolve(state, event) -> state}, loaded by replaying their stream (from a snapshot when there is one) and
 * saved with the version they were decided on.
 */
package io.ringbus.patterns.aggregate;
