/**
 * The first program to run: pub/sub on a topic, competing consumers on a queue, an annotated listener and
 * request/reply on one in-process bus, printing what happened.
 */
package io.ringbus.samples.quickstart;
