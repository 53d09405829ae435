/**
 * The event store: streams of events appended with optimistic concurrency, read by stream or in one global
 * order, and followed live from any position. Two implementations share one behaviour: {@link
 * io.ringbus.patterns.store.InMemoryEventStore} and the durable {@link io.ringbus.patterns.store.JournalEventStore}
 * (append-only segment files, each record framed with its length and a CRC-32C, see {@link
 * io.ringbus.patterns.store.RecordDescriptor}).
 * <p>
 * <b>Positions and versions.</b> Every event gets a global position (0, 1, 2, ... in append order over the whole
 * store) and a version in its stream (0 for the stream's first event). A stream with no event has version
 * {@link io.ringbus.patterns.store.ExpectedVersion#NO_STREAM}. Readers and subscribers see an event only once its
 * append is acknowledged, so nothing they see can be lost by a crash the store's sync policy covers.
 */
package io.ringbus.patterns.store;
