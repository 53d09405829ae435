package io.ringbus.ipc;

import io.ringbus.api.Await;
import io.ringbus.api.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes allocated by the receiving bus's receiver thread per event from another bus (ThreadMXBean), once warm:
 * a record with a built-in codec costs the record itself (no argument array, no boxes, no boxed map keys), and a
 * slot-mode topic with a {@link SlotCodec} costs nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReceiveAllocationTest
{
    /** 32 bytes on the wire. */
    record Quote(long seq, long time, double price, int quantity, int flags)
    {
    }

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private static final int EVENTS = 20_000;

    private final Path base = TestDirs.newBase();
    private final List<AeronBus> open = new ArrayList<>();

    @AfterEach
    void stop()
    {
        for (int i = open.size() - 1; i >= 0; i--)
        {
            open.get(i).close();
        }
        TestDirs.delete(base);
    }

    private AeronBus bus()
    {
        return bus(false);
    }

    private AeronBus bus(final boolean receiverDispatch)
    {
        final AeronBus bus = AeronBus.builder().shareAll().embeddedDriver(base).ringSize(1 << 16)
            .receiverDispatch(receiverDispatch).codec(new AeronBusReviewTest.TickCodec()).build();
        open.add(bus);
        return bus;
    }

    private static Thread receiverThread(final AeronBus bus)
    {
        final String name = "ringbus-ipc-" + Long.toHexString(bus.nodeId());
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no thread " + name));
    }

    @Test
    void aRecordWithABuiltInCodecCostsOnlyTheRecord()
    {
        final AeronBus sender = bus();
        final AeronBus receiver = bus();
        final Topic<Quote> out = sender.topic("quotes", Quote.class);
        final AtomicLong handled = new AtomicLong();
        receiver.topic("quotes", Quote.class).subscribe(q -> handled.incrementAndGet());
        Await.until("peers", () -> sender.ipcStats().peers() == 1 && receiver.ipcStats().peers() == 1);
        final Thread rx = receiverThread(receiver);
        final Quote q = new Quote(1, 2, 3.0, 4, 5);

        for (int round = 0; round < 3; round++) // warm: the JIT, the maps, the ring
        {
            send(out, q, handled);
        }
        final long before = THREADS.getThreadAllocatedBytes(rx.getId());
        send(out, q, handled);
        final double perEvent = (THREADS.getThreadAllocatedBytes(rx.getId()) - before) / (double)EVENTS;
        System.out.printf("receiver thread: %.1f bytes per received Quote record%n", perEvent);
        // the record is 12 (header) + 32 (fields) = 48 bytes with compressed oops; an argument array and four boxes
        // would add over 100 more
        assertTrue(perEvent <= 64, "receiver thread allocated " + perEvent + " bytes per event");
    }

    @Test
    void aSlotModeTopicWithASlotCodecAllocatesNothing()
    {
        slotModeAllocatesNothing(false);
    }

    @Test
    void withReceiverDispatchASlotModeTopicAllocatesNothingAndHandlersRunOnTheReceiver()
    {
        slotModeAllocatesNothing(true);
    }

    private void slotModeAllocatesNothing(final boolean receiverDispatch)
    {
        final AeronBus sender = bus();
        final AeronBus receiver = bus(receiverDispatch);
        final Topic<AeronBusReviewTest.Tick> out =
            sender.topic("ticks", AeronBusReviewTest.Tick.class, AeronBusReviewTest.Tick::new);
        final AtomicLong handled = new AtomicLong();
        receiver.topic("ticks", AeronBusReviewTest.Tick.class, AeronBusReviewTest.Tick::new)
            .subscribe(t -> handled.incrementAndGet());
        Await.until("peers", () -> sender.ipcStats().peers() == 1 && receiver.ipcStats().peers() == 1);
        final Thread rx = receiverThread(receiver);

        for (int round = 0; round < 3; round++)
        {
            sendSlots(out, handled);
        }
        final long before = THREADS.getThreadAllocatedBytes(rx.getId());
        sendSlots(out, handled);
        final double perEvent = (THREADS.getThreadAllocatedBytes(rx.getId()) - before) / (double)EVENTS;
        System.out.printf("receiver thread: %.2f bytes per received slot-mode Tick%n", perEvent);
        // a heartbeat or the odd peer check may allocate a little in the window, never per event
        assertTrue(perEvent < 1, "receiver thread allocated " + perEvent + " bytes per event");
    }

    private static void send(final Topic<Quote> out, final Quote q, final AtomicLong handled)
    {
        final long target = handled.get() + EVENTS;
        for (int i = 0; i < EVENTS; i++)
        {
            out.publish(q);
        }
        Await.until("all handled", Duration.ofSeconds(60), () -> handled.get() >= target);
    }

    private static void sendSlots(final Topic<AeronBusReviewTest.Tick> out, final AtomicLong handled)
    {
        final long target = handled.get() + EVENTS;
        for (int i = 0; i < EVENTS; i++)
        {
            out.publish((slot, seq) -> { slot.seq = seq; slot.price = 1.25; }, i);
        }
        Await.until("all handled", Duration.ofSeconds(60), () -> handled.get() >= target);
    }
}
