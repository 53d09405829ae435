/**
 * Two processes on one machine over the Aeron IPC transport: a price feed and a trading desk that measures
 * cross-process latency and asks the feed for quotes by request/reply.
 */
package io.ringbus.samples.ipc;
