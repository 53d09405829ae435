package io.ringbus.bench;

import io.ringbus.bench.subjects.Idle;
import io.ringbus.bench.subjects.RingbusDelaySubject;
import io.ringbus.bench.subjects.RingbusPriorityQueueSubject;
import io.ringbus.bench.subjects.RingbusRequestCallbackSubject;
import io.ringbus.bench.subjects.RingbusSlotTopicSubject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The subjects of issue 3's features carry what the harness sends (no speed here): the slot topic copies the
 * fields into its own slots, the callback requester returns the echoed request, the priority queue delivers
 * every message, the delay subject never before its delay.
 */
class NewSubjectsTest
{
    private static final long WAIT_SECONDS = 10;

    @Test
    void slotTopicDeliversCopiesOfSequenceStampAndPayload() throws Exception
    {
        final List<Msg> seen = new CopyOnWriteArrayList<>();
        final List<Long> seqs = new CopyOnWriteArrayList<>();
        final CountDownLatch three = new CountDownLatch(3);
        try (Session session = new RingbusSlotTopicSubject(Idle.YIELDING).open(64))
        {
            final Link link = session.link(Topology.ONE_TO_ONE, msg ->
            {
                seen.add(msg);
                seqs.add(msg.seq * 1000 + msg.stampNanos + msg.payload[63] + msg.payload.length);
                three.countDown();
            });
            final Msg msg = new Msg(64);
            for (int i = 1; i <= 3; i++)
            {
                msg.seq = i;
                msg.stampNanos = i * 10;
                msg.payload[63] = (byte)i;
                link.send(msg);
            }
            assertTrue(three.await(WAIT_SECONDS, TimeUnit.SECONDS), "three delivered");
            assertEquals(List.of(1000L + 10 + 1 + 64, 2000L + 20 + 2 + 64, 3000L + 30 + 3 + 64), seqs);
            assertNotSame(msg, seen.get(0), "the receiver gets the ring's slot, not the sender's message");
        }
    }

    @Test
    void callbackRequesterReturnsTheEchoedRequest() throws Exception
    {
        try (Session session = new RingbusRequestCallbackSubject(Idle.YIELDING).open(32))
        {
            final Requester requester = session.requester();
            final Msg msg = new Msg(32);
            for (int i = 0; i < 100; i++)
            {
                msg.seq = i;
                assertSame(msg, requester.call(msg));
            }
        }
    }

    @Test
    void priorityQueueDeliversEveryMessageOnce() throws Exception
    {
        final CountDownLatch all = new CountDownLatch(1000);
        try (Session session = new RingbusPriorityQueueSubject(Idle.YIELDING).open(32))
        {
            final Link link = session.link(Topology.COMPETING, msg -> all.countDown(), msg -> all.countDown());
            final Msg msg = new Msg(32);
            for (int i = 0; i < 1000; i++)
            {
                link.send(msg);
            }
            assertTrue(all.await(WAIT_SECONDS, TimeUnit.SECONDS), "all delivered: " + all.getCount() + " missing");
            assertEquals(0, all.getCount());
        }
    }

    @Test
    void delaySubjectDeliversNoSoonerThanItsDelay() throws Exception
    {
        final RingbusDelaySubject subject = new RingbusDelaySubject(Idle.BACKOFF, Duration.ofMillis(5));
        assertTrue(subject.timer().startsWith("timer tick 1.049 ms"), subject.timer());
        final CountDownLatch done = new CountDownLatch(1);
        final long[] handled = new long[1];
        try (Session session = subject.open(32))
        {
            final Link link = session.link(Topology.ONE_TO_ONE, msg ->
            {
                handled[0] = System.nanoTime();
                done.countDown();
            });
            final long before = System.nanoTime();
            link.send(new Msg(32));
            assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS), "delivered");
            assertTrue(handled[0] - before >= TimeUnit.MILLISECONDS.toNanos(5), "not before the delay");
        }
    }
}
