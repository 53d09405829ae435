/**
 * The Aeron transport: {@link io.ringbus.ipc.AeronBus} carries shared topics, queues and request addresses
 * between processes over an embedded (or external) media driver, with the wire envelope in
 * {@link io.ringbus.ipc.FrameDescriptor} and codecs from {@code io.ringbus.api.codec}.
 */
package io.ringbus.ipc;
