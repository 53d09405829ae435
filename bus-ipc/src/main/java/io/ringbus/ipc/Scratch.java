package io.ringbus.ipc;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One thread's encoding space: a little-endian direct buffer of the frame limit, seen by Aeron through an
 * {@link UnsafeBuffer} over the same memory. Codecs get the {@code ByteBuffer} (bus-api is JDK-only); Aeron
 * copies the bytes into its term. Encoding straight into a claimed term would save that copy but would hand
 * codecs Aeron's mapped buffer, whose byte order is shared state, so we keep one copy.
 */
final class Scratch
{
    final ByteBuffer bytes;
    final UnsafeBuffer unsafe;
    long lastResult;
    // a slot-mode publish in progress on this thread (see SharedTopic)
    SharedTopic<?> slotTopic;
    Object translator;
    Object biTranslator;
    Object a;
    Object b;
    boolean slotFilled;
    int slotLength;

    void release()
    {
        slotTopic = null;
        translator = null;
        biTranslator = null;
        a = null;
        b = null;
    }

    Scratch(final int capacity)
    {
        this.bytes = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
        this.unsafe = new UnsafeBuffer(bytes);
    }
}
