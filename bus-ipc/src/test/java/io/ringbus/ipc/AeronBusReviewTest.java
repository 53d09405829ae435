package io.ringbus.ipc;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.ringbus.api.Await;
import io.ringbus.api.Handler;
import io.ringbus.api.Queue;
import io.ringbus.api.Topic;
import io.ringbus.api.codec.CodecException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Findings of the bus-ipc review, each pinned by a test: two buses of one JVM share an embedded driver and talk
 * over {@code aeron:ipc} exactly as two processes would (each has its own publication, session and node id).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AeronBusReviewTest
{
    record Job(long id, String what)
    {
    }

    /** A mutable slot event with a codec that decodes into slots. */
    static final class Tick
    {
        long seq;
        double price;
    }

    static final class TickCodec implements SlotCodec<Tick>
    {
        @Override
        public Class<Tick> type()
        {
            return Tick.class;
        }

        @Override
        public int maxEncodedLength(final Tick value)
        {
            return 16;
        }

        @Override
        public int encode(final Tick value, final ByteBuffer buffer, final int offset)
        {
            buffer.putLong(offset, value.seq).putDouble(offset + 8, value.price);
            return 16;
        }

        @Override
        public Tick decode(final ByteBuffer buffer, final int offset, final int length)
        {
            final Tick t = new Tick();
            decodeInto(t, buffer, offset, length);
            return t;
        }

        @Override
        public void decodeInto(final Tick slot, final ByteBuffer buffer, final int offset, final int length)
        {
            CodecException.requireLength(Tick.class, length, 16);
            slot.seq = buffer.getLong(offset);
            slot.price = buffer.getDouble(offset + 8);
        }
    }

    private final Path base = TestDirs.newBase();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception
    {
        for (int i = open.size() - 1; i >= 0; i--)
        {
            open.get(i).close();
        }
        TestDirs.delete(base);
    }

    private AeronBus bus(final AeronBusBuilder builder)
    {
        final AeronBus bus = builder.embeddedDriver(base).build();
        open.add(bus);
        return bus;
    }

    private static void awaitPeers(final AeronBus a, final AeronBus b)
    {
        Await.until("the buses see each other", () -> a.ipcStats().peers() == 1 && b.ipcStats().peers() == 1);
    }

    record Failure(Throwable cause, String destination, Object event, Object handler)
    {
    }

    @Test
    void aFailingSharedQueueConsumerIsReportedWithTheUsersMessageAndHandlerNotTheInternalHolder()
    {
        final List<Failure> failures = new CopyOnWriteArrayList<>();
        final AeronBus consumerSide = bus(AeronBus.builder().shareAll()
            .errorHandler((cause, destination, event, handler) ->
                failures.add(new Failure(cause, destination, event, handler))));
        final AeronBus senderSide = bus(AeronBus.builder().shareAll());
        final Queue<Job> jobs = consumerSide.queue("jobs", Job.class);
        final Handler<Job> failing = job ->
        {
            throw new IllegalStateException("cannot do " + job.what());
        };
        jobs.consume(failing);
        final Queue<Job> remoteJobs = senderSide.queue("jobs", Job.class);
        Await.until("the sender learns the consumer", () -> senderSide.remoteConsumers("jobs") == 1);

        jobs.send(new Job(1, "local"));        // handled where it was sent: no acknowledgement involved
        remoteJobs.send(new Job(2, "remote")); // the only consumer is in the other bus: acknowledged after the throw

        Await.until("both failures reported", () -> failures.size() == 2);
        for (final Failure f : failures)
        {
            assertTrue(f.event() instanceof Job, "the error handler got " + f.event().getClass().getName());
            assertSame(failing, f.handler(), "the error handler got " + f.handler());
            assertEquals("jobs", f.destination());
        }
        Await.until("the failed remote message is acknowledged, not kept for redelivery",
            () -> senderSide.ipcStats().unacked() == 0);
    }

    @Test
    void closingWithUnacknowledgedMessagesSaysSo() throws Exception
    {
        final List<Throwable> senderErrors = new CopyOnWriteArrayList<>();
        final AeronBus consumerSide = bus(AeronBus.builder().shareAll());
        final AeronBus senderSide = AeronBus.builder().shareAll().embeddedDriver(base)
            .errorHandler((cause, destination, event, handler) -> senderErrors.add(cause)).build();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        open.add(release::countDown); // runs before the consumer's bus closes, pass or fail
        consumerSide.queue("slow", Job.class).consume(job ->
        {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
        });
        try
        {
            final Queue<Job> slow = senderSide.queue("slow", Job.class);
            Await.until("the sender learns the consumer", () -> senderSide.remoteConsumers("slow") == 1);
            slow.send(new Job(1, "held"));
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the consumer never got the message");
            assertEquals(1, senderSide.ipcStats().unacked());
        }
        finally
        {
            senderSide.close();
        }
        assertTrue(senderErrors.stream().anyMatch(e -> e.getMessage().contains("not yet acknowledged")),
            "close reported: " + senderErrors);
    }

    @Test
    void aSessionCannotSpeakForSeveralNodesNorForAnotherOne()
    {
        final AeronBus bus = bus(AeronBus.builder().shareAll());
        final Topic<Long> numbers = bus.topic("numbers", Long.class);
        final List<Long> seen = new CopyOnWriteArrayList<>();
        numbers.subscribe(seen::add);
        final Aeron rogueClient = Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(bus.aeronDirectoryName())
            .errorHandler(Throwable::printStackTrace));
        open.add(rogueClient);
        final ExclusivePublication rogue =
            rogueClient.addExclusivePublication(AeronBus.CHANNEL_DEFAULT, AeronBus.STREAM_ID_DEFAULT);
        Await.until("rogue connected", rogue::isConnected);

        send(rogue, topicFrame(0x0A, 1L));           // binds node 0x0A to the rogue's session
        send(rogue, topicFrame(0x0B, 2L));           // another node on the same session: forged
        send(rogue, topicFrame(bus.nodeId(), 3L));   // the bus's own node id on a foreign session: forged
        send(rogue, topicFrame(0x0A, 4L));

        Await.until("the genuine frames delivered", () -> seen.size() == 2);
        assertEquals(List.of(1L, 4L), seen);
        final IpcStats stats = bus.ipcStats();
        assertEquals(1, stats.peersJoined(), stats.toString());
        assertEquals(1, stats.peers(), stats.toString());
        assertEquals(2, stats.droppedForeign(), stats.toString());
    }

    private static ByteBuffer topicFrame(final long sender, final long value)
    {
        final ByteBuffer b = ByteBuffer.allocate(FrameDescriptor.HEADER_LENGTH + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(FrameDescriptor.VERSION_OFFSET, FrameDescriptor.VERSION)
            .put(FrameDescriptor.KIND_OFFSET, FrameDescriptor.KIND_TOPIC)
            .putInt(FrameDescriptor.DESTINATION_OFFSET, FrameDescriptor.destinationId("numbers"))
            .putInt(FrameDescriptor.TYPE_OFFSET, FrameDescriptor.typeId(Long.class))
            .putLong(FrameDescriptor.SENDER_OFFSET, sender)
            .putLong(FrameDescriptor.HEADER_LENGTH, value);
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
    void sharedSlotModeTopicsCrossBusesWithTranslatorsAndSlotCodecs()
    {
        final AeronBus publisher = bus(AeronBus.builder().shareAll().codec(new TickCodec()));
        final AeronBus receiver = bus(AeronBus.builder().shareAll().codec(new TickCodec()));
        final Topic<Tick> out = publisher.topic("ticks", Tick.class, Tick::new);
        final Topic<Tick> in = receiver.topic("ticks", Tick.class, Tick::new);
        assertTrue(out.isSlotMode());
        final List<String> got = new CopyOnWriteArrayList<>();
        in.subscribe(t -> got.add(t.seq + "@" + t.price)); // slots are reused: copy what is needed
        awaitPeers(publisher, receiver);

        // no subscriber in the publishing bus: the engine skips the translator, the spare event is encoded
        out.publish((slot, seq) -> { slot.seq = seq; slot.price = 1.5; }, 1L);
        final List<Long> local = new CopyOnWriteArrayList<>();
        out.subscribe(t -> local.add(t.seq));
        out.publish((slot, seq, price) -> { slot.seq = seq; slot.price = price; }, 2L, 2.5);
        assertTrue(out.tryPublish((slot, seq) -> { slot.seq = seq; slot.price = 3.5; }, 3L));

        Await.until("three ticks received", () -> got.size() == 3);
        assertEquals(List.of("1@1.5", "2@2.5", "3@3.5"), got);
        Await.until("two ticks handled locally", () -> local.size() == 2);
        assertEquals(List.of(2L, 3L), local);
        assertThrows(IllegalStateException.class, () -> out.publish(new Tick()), "no copier: publish(E) refused");
        assertThrows(IllegalStateException.class,
            () -> publisher.topic("plain", Long.class).publish((slot, a) -> { }, 1L), "object mode refuses translators");
    }

    @Test
    void aSharedSlotModeTopicThatCouldNotTakeRemoteEventsIsRefusedAtDeclaration()
    {
        final AeronBus bus = bus(AeronBus.builder().shareAll());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> bus.topic("jobs.slots", Job.class, () -> new Job(0, "")));
        assertTrue(ex.getMessage().contains("SlotCodec"), ex.getMessage());
        // with a copier, received events are decoded and copied in
        final Topic<Job> withCopier = bus.topic("jobs.copied", Job.class, () -> new Job(0, ""), (slot, e) -> { });
        assertTrue(withCopier.isSlotMode());
    }
}
