/**
 * Event sourcing and CQRS on Ringbus: bank accounts as an event-sourced aggregate in a durable journal, commands
 * over a command bus, balances kept by a projection and asked for over a query bus, and a restart that rebuilds
 * them from the journal.
 */
package io.ringbus.samples.bank;
