/**
 * Order processing: a topic fanned out to notifications, a payment queue with an express priority lane,
 * retries and a dead-letter queue, delayed reminders and an order-status request/reply, on one bus.
 */
package io.ringbus.samples.orders;
