/**
 * The JMH benchmarks, generic over the registered subjects (chosen by the {@code subject} parameter): messages
 * per second through a {@link io.ringbus.bench.Link} and calls per second through a
 * {@link io.ringbus.bench.Requester}, always run with the GC profiler by the bench.
 */
package io.ringbus.bench.jmh;
