/**
 * The codec SPI: how an event type is written to and read from bytes when it leaves the JVM (the IPC
 * transport) or goes to disk (the event store journal).
 * <p>
 * Codecs work on {@link java.nio.ByteBuffer}s with absolute indexes, so that this package stays free of
 * third-party types; a transport hands a codec a little-endian view of its own memory (for Aeron, the
 * {@code ByteBuffer} under a term or claim buffer), so nothing is copied twice. Never Java native
 * serialization.
 */
package io.ringbus.api.codec;
