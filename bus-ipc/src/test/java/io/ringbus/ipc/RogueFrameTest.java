package io.ringbus.ipc;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.ringbus.api.Await;
import io.ringbus.api.Topic;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rogue Aeron publisher writes raw frames straight into the bus's stream: every bad one is dropped and counted
 * under its reason, none crashes the receiver, and a good frame after them still arrives.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RogueFrameTest
{
    record Named(String name, long value)
    {
    }

    private final Path base = TestDirs.newBase();
    private AeronBus bus;
    private Aeron rogueClient;

    @AfterEach
    void stop()
    {
        if (rogueClient != null)
        {
            rogueClient.close();
        }
        if (bus != null)
        {
            bus.close();
        }
        TestDirs.delete(base);
    }

    private static ByteBuffer frame(final byte version, final byte kind, final int destination, final int typeId,
        final int payloadLength)
    {
        final ByteBuffer b = ByteBuffer.allocate(FrameDescriptor.HEADER_LENGTH + payloadLength)
            .order(ByteOrder.LITTLE_ENDIAN);
        b.put(FrameDescriptor.VERSION_OFFSET, version)
            .put(FrameDescriptor.KIND_OFFSET, kind)
            .putInt(FrameDescriptor.DESTINATION_OFFSET, destination)
            .putInt(FrameDescriptor.TYPE_OFFSET, typeId)
            .putLong(FrameDescriptor.SENDER_OFFSET, 0x0BADL);
        return b;
    }

    private static void send(final ExclusivePublication publication, final ByteBuffer frame)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(frame.array());
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publication.offer(buffer, 0, frame.capacity()) < 0)
        {
            assertTrue(System.nanoTime() < deadline, "rogue offer refused for 10 s");
            Thread.onSpinWait();
        }
    }

    @Test
    void malformedTruncatedOversizeAndUnknownFramesAreDroppedAndCounted()
    {
        bus = AeronBus.builder().shareAll().embeddedDriver(base).maxFrameLength(1024).build();
        final Topic<Long> numbers = bus.topic("numbers", Long.class);
        final Topic<Named> named = bus.topic("named", Named.class);
        final List<Object> seen = new CopyOnWriteArrayList<>();
        numbers.subscribe(seen::add);
        named.subscribe(seen::add);

        rogueClient = Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(bus.aeronDirectoryName())
            .errorHandler(Throwable::printStackTrace));
        final ExclusivePublication rogue =
            rogueClient.addExclusivePublication(AeronBus.CHANNEL_DEFAULT, AeronBus.STREAM_ID_DEFAULT);
        Await.until("rogue connected", () -> rogue.isConnected());

        final int numbersId = FrameDescriptor.destinationId("numbers");
        final int namedId = FrameDescriptor.destinationId("named");
        final int longType = FrameDescriptor.typeId(Long.class);
        final int namedType = FrameDescriptor.typeId(Named.class);

        send(rogue, ByteBuffer.wrap(new byte[] {1, 1, 0, 0, 7, 7, 7, 7, 9, 9}));              // truncated
        send(rogue, frame((byte)2, FrameDescriptor.KIND_TOPIC, numbersId, longType, 8));       // newer version
        final ByteBuffer flagged = frame(FrameDescriptor.VERSION, FrameDescriptor.KIND_TOPIC, numbersId, longType, 8);
        flagged.putShort(FrameDescriptor.FLAGS_OFFSET, (short)1);
        send(rogue, flagged);                                                                 // unknown flag
        send(rogue, frame(FrameDescriptor.VERSION, (byte)99, numbersId, longType, 8));         // unknown kind
        send(rogue, frame(FrameDescriptor.VERSION, FrameDescriptor.KIND_TOPIC, numbersId, 12345, 8)); // unknown type
        send(rogue, frame(FrameDescriptor.VERSION, FrameDescriptor.KIND_TOPIC, numbersId, longType, 3)); // short Long
        final ByteBuffer huge = frame(FrameDescriptor.VERSION, FrameDescriptor.KIND_TOPIC, namedId, namedType, 12);
        huge.putInt(FrameDescriptor.HEADER_LENGTH, Integer.MAX_VALUE);                        // String length lie
        send(rogue, huge);
        send(rogue, frame(FrameDescriptor.VERSION, FrameDescriptor.KIND_TOPIC, numbersId, longType, 2000)); // oversize
        send(rogue, frame(FrameDescriptor.VERSION, FrameDescriptor.KIND_TOPIC, namedId, longType, 8)); // wrong type
        send(rogue, frame(FrameDescriptor.VERSION, FrameDescriptor.KIND_TOPIC, 777, longType, 8)); // unknown topic
        final ByteBuffer good = frame(FrameDescriptor.VERSION, FrameDescriptor.KIND_TOPIC, numbersId, longType, 8);
        good.putLong(FrameDescriptor.HEADER_LENGTH, 42L);
        send(rogue, good);

        Await.until("the good frame delivered", Duration.ofSeconds(30), () -> seen.size() == 1);
        assertEquals(List.of(42L), seen);
        final IpcStats stats = bus.ipcStats();
        assertEquals(1, stats.droppedTruncated(), stats.toString());
        assertEquals(2, stats.droppedForeign(), stats.toString());
        assertEquals(1, stats.droppedUnknownKind(), stats.toString());
        assertEquals(1, stats.droppedUnknownType(), stats.toString());
        assertEquals(3, stats.droppedMalformed(), stats.toString());
        assertEquals(1, stats.droppedOversize(), stats.toString());
        assertEquals(1, stats.unknownDestination(), stats.toString());

        numbers.publish(7L); // the bus itself still works
        Await.until("own event delivered", () -> seen.size() == 2);
    }

    @Test
    void oversizeEventsAreRefusedAtTheCall()
    {
        bus = AeronBus.builder().shareAll().embeddedDriver(base).maxFrameLength(256).build();
        final Topic<String> text = bus.topic("text", String.class);
        final List<String> seen = new CopyOnWriteArrayList<>();
        text.subscribe(seen::add);
        final IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> text.publish("x".repeat(300)));
        assertTrue(ex.getMessage().contains("maxFrameLength"), ex.getMessage());
        text.publish("fits");
        Await.until("the small one delivered", () -> seen.size() == 1);
        assertEquals(List.of("fits"), seen, "the refused event must not have reached local subscribers either");
    }
}
