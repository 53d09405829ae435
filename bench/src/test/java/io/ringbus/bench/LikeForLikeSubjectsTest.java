package io.ringbus.bench;

import io.ringbus.bench.subjects.DisruptorPreallocSubject;
import io.ringbus.bench.subjects.DisruptorSubject;
import io.ringbus.bench.subjects.Idle;
import io.ringbus.bench.subjects.RingbusSlotTopicSubject;
import io.ringbus.bench.subjects.RingbusTopicSubject;
import io.ringbus.bench.subjects.RingbusTopicsSubject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The subjects of issue 10 carry what the harness sends (no speed here): the preallocated Disruptor copies into its
 * own events where the reference-holding one passes the message itself, the single-writer topics deliver like the
 * plain ones, and the many-topics subject spreads messages round-robin, one topic per receiver.
 */
class LikeForLikeSubjectsTest
{
    private static final long WAIT_SECONDS = 10;

    @Test
    void thePreallocatedDisruptorDeliversCopiesAndTheOtherTheMessageItself() throws Exception
    {
        assertEquals("disruptor-prealloc/yielding", new DisruptorPreallocSubject(Idle.YIELDING).id());
        final Msg sent = new Msg(64);
        sent.seq = 7;
        sent.stampNanos = 70;
        sent.payload[63] = 9;
        final Msg copy = deliverOne(new DisruptorPreallocSubject(Idle.YIELDING).open(64), sent);
        assertNotSame(sent, copy, "the ring's own event");
        assertEquals(7, copy.seq);
        assertEquals(70, copy.stampNanos);
        assertEquals(9, copy.payload[63]);
        assertSame(sent, deliverOne(new DisruptorSubject(Idle.YIELDING).open(64), sent), "the slot holds a reference");
    }

    @Test
    void singleWriterTopicsDeliverEveryMessageInOrderToEverySubscriber() throws Exception
    {
        for (final Subject subject : List.of(RingbusTopicSubject.singleWriter(Idle.YIELDING),
            RingbusSlotTopicSubject.singleWriter(Idle.YIELDING)))
        {
            assertTrue(subject.name().endsWith("-sw"), subject.name());
            final List<Long> first = new CopyOnWriteArrayList<>();
            final List<Long> second = new CopyOnWriteArrayList<>();
            final CountDownLatch all = new CountDownLatch(200);
            try (Session session = subject.open(32))
            {
                final Link link = session.link(Topology.FAN_OUT,
                    msg ->
                    {
                        first.add(msg.seq);
                        all.countDown();
                    },
                    msg ->
                    {
                        second.add(msg.seq);
                        all.countDown();
                    });
                final Msg msg = new Msg(32);
                for (int i = 0; i < 100; i++)
                {
                    msg.seq = i;
                    link.send(msg);
                    if (subject instanceof RingbusTopicSubject)
                    {
                        // Object mode passes the reference: wait until it is seen before reusing the message.
                        final int seen = i + 1;
                        awaitTrue(() -> first.size() >= seen && second.size() >= seen);
                    }
                }
                assertTrue(all.await(WAIT_SECONDS, TimeUnit.SECONDS), subject.id() + ": all delivered");
                final List<Long> expected = java.util.stream.LongStream.range(0, 100).boxed().toList();
                assertEquals(expected, first, subject.id());
                assertEquals(expected, second, subject.id());
            }
        }
    }

    @Test
    void manyTopicsSpreadMessagesRoundRobinOneTopicPerReceiver() throws Exception
    {
        final RingbusTopicsSubject subject = new RingbusTopicsSubject(3, Idle.YIELDING);
        assertEquals("ringbus-topics-3/yielding", subject.id());
        assertEquals(3, subject.topics());
        final AtomicLongArray sums = new AtomicLongArray(3);
        final CountDownLatch all = new CountDownLatch(9);
        try (Session session = subject.open(32))
        {
            final Receiver[] receivers = new Receiver[3];
            for (int r = 0; r < 3; r++)
            {
                final int receiver = r;
                receivers[r] = msg ->
                {
                    sums.addAndGet(receiver, msg.stampNanos);
                    all.countDown();
                };
            }
            assertThrows(UnsupportedOperationException.class, () -> session.link(Topology.FAN_OUT, receivers));
            final Link link = session.link(Topology.ROUND_ROBIN, receivers);
            for (int k = 0; k < 9; k++)
            {
                final Msg msg = new Msg(32);
                msg.stampNanos = 1L << k;
                link.send(msg);
            }
            assertTrue(all.await(WAIT_SECONDS, TimeUnit.SECONDS), "all delivered: " + all.getCount() + " missing");
            // Message k goes to receiver k mod 3.
            assertEquals(1 + 8 + 64, sums.get(0));
            assertEquals(2 + 16 + 128, sums.get(1));
            assertEquals(4 + 32 + 256, sums.get(2));
        }
    }

    @Test
    void theSubjectsOfIssue10AreRegisteredWhereTheirGoalsLook()
    {
        final List<String> ids = SubjectRegistry.ids();
        for (final String id : List.of("ringbus-topic-sw/busy-spin", "ringbus-slot-sw/busy-spin",
            "disruptor-prealloc/busy-spin", "ringbus-slot-sw/yielding",
            "disruptor-prealloc/yielding", ScenarioRegistry.topicsSubject(1), ScenarioRegistry.topicsSubject(100),
            ScenarioRegistry.topicsSubject(10_000)))
        {
            assertTrue(ids.contains(id), id);
        }
    }

    private static Msg deliverOne(final Session session, final Msg sent) throws Exception
    {
        final List<Msg> got = new CopyOnWriteArrayList<>();
        final CountDownLatch one = new CountDownLatch(1);
        try (session)
        {
            final Link link = session.link(Topology.ONE_TO_ONE, msg ->
            {
                got.add(msg);
                one.countDown();
            });
            link.send(sent);
            assertTrue(one.await(WAIT_SECONDS, TimeUnit.SECONDS), "delivered");
        }
        return got.get(0);
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out");
            }
            Thread.sleep(1);
        }
    }
}
