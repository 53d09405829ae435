package io.ringbus.ipc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDescriptorTest
{
    @Test
    void layoutIsContiguousAndAligned()
    {
        assertEquals(FrameDescriptor.KIND_OFFSET, FrameDescriptor.VERSION_OFFSET + 1);
        assertEquals(FrameDescriptor.FLAGS_OFFSET, FrameDescriptor.KIND_OFFSET + 1);
        assertEquals(FrameDescriptor.DESTINATION_OFFSET, FrameDescriptor.FLAGS_OFFSET + 2);
        assertEquals(FrameDescriptor.TYPE_OFFSET, FrameDescriptor.DESTINATION_OFFSET + 4);
        assertEquals(FrameDescriptor.AUX_OFFSET, FrameDescriptor.TYPE_OFFSET + 4);
        assertEquals(FrameDescriptor.SENDER_OFFSET, FrameDescriptor.AUX_OFFSET + 4);
        assertEquals(FrameDescriptor.TARGET_OFFSET, FrameDescriptor.SENDER_OFFSET + 8);
        assertEquals(FrameDescriptor.CORRELATION_OFFSET, FrameDescriptor.TARGET_OFFSET + 8);
        assertEquals(FrameDescriptor.HEADER_LENGTH, FrameDescriptor.CORRELATION_OFFSET + 8);
        assertEquals(0, FrameDescriptor.HEADER_LENGTH % 8);
    }

    @Test
    void idsAreStableNonZeroAndDistinguishNames()
    {
        // FNV-1a of "a": fixed by the algorithm, so every process computes the same id
        assertEquals(0xE40C292C, FrameDescriptor.destinationId("a"));
        assertEquals(FrameDescriptor.typeId(Long.class), FrameDescriptor.destinationId("java.lang.Long"));
        assertNotEquals(FrameDescriptor.destinationId("orders"), FrameDescriptor.destinationId("@orders"));
        assertNotEquals(0, FrameDescriptor.destinationId(""));
    }

    @Test
    void onlyDefinedKindsAreKnown()
    {
        for (byte k = FrameDescriptor.KIND_TOPIC; k <= FrameDescriptor.KIND_BYE; k++)
        {
            assertTrue(FrameDescriptor.isKnownKind(k));
        }
        assertFalse(FrameDescriptor.isKnownKind((byte)0));
        assertFalse(FrameDescriptor.isKnownKind((byte)(FrameDescriptor.KIND_BYE + 1)));
        assertFalse(FrameDescriptor.isKnownKind((byte)-1));
    }
}
