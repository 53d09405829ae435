package io.ringbus.bench.subjects;

import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Subject;
import io.ringbus.bench.Topology;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-off floor of the machine: a one-slot mailbox, a padded volatile {@code long} written by the
 * sender and spun on by one receiver thread. Two of them make the ping-pong that no bus can beat.
 * <p>
 * <b>Note:</b> one sender per link; the receiver thread busy-spins.
 */
public final class FloorSubject implements Subject
{
    @Override
    public String name()
    {
        return "floor";
    }

    @Override
    public String idle()
    {
        return Idle.BUSY_SPIN.label();
    }

    @Override
    public Session open()
    {
        return new FloorSession();
    }

    @SuppressWarnings("unused")
    abstract static class Padding
    {
        long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
    }

    abstract static class Published extends Padding
    {
        /** Sequence of the message in {@code msg}; written by the sender, read by the receiver. */
        volatile long published = -1;
    }

    @SuppressWarnings("unused")
    abstract static class MiddlePadding extends Published
    {
        long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
    }

    abstract static class Consumed extends MiddlePadding
    {
        /** Last sequence the receiver has handled; written by the receiver, read by the sender. */
        volatile long consumed = -1;
    }

    @SuppressWarnings("unused")
    static final class Mailbox extends Consumed
    {
        long r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11, r12, r13, r14, r15;
        Msg msg;
        long sent = -1;
    }

    private static final VarHandle PUBLISHED;
    private static final VarHandle CONSUMED;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            PUBLISHED = lookup.findVarHandle(Published.class, "published", long.class);
            CONSUMED = lookup.findVarHandle(Consumed.class, "consumed", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private static final class FloorSession implements Session
    {
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;

        @Override
        public Link link(final Topology topology, final Receiver... receivers)
        {
            if (topology != Topology.ONE_TO_ONE || receivers.length != 1)
            {
                throw new UnsupportedOperationException("the floor is one sender to one receiver");
            }
            final Mailbox box = new Mailbox();
            final Receiver receiver = receivers[0];
            final Thread thread = Threads.factory("floor").newThread(() -> receive(box, receiver));
            threads.add(thread);
            thread.start();
            return msg ->
            {
                final long next = box.sent + 1;
                while ((long)CONSUMED.getAcquire(box) != box.sent)
                {
                    Thread.onSpinWait();
                }
                box.msg = msg;
                box.sent = next;
                PUBLISHED.setRelease(box, next);
            };
        }

        private void receive(final Mailbox box, final Receiver receiver)
        {
            long expected = 0;
            while (running)
            {
                if ((long)PUBLISHED.getAcquire(box) == expected)
                {
                    receiver.onMessage(box.msg);
                    CONSUMED.setRelease(box, expected);
                    expected++;
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
        }

        @Override
        public void close() throws InterruptedException
        {
            running = false;
            Threads.join(threads);
        }
    }
}
