package io.ringbus.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code delay}: lateness of delayed delivery, from each message's deadline to its handling. The harness thread
 * sends {@value #RATE} delayed messages a second (so many wait on the timer at once), each stamped with its
 * deadline: the time read just before the send plus the delay. The engine reads its clock inside the send, so its
 * own deadline is at or after the stamp: a message handled before its stamp is early by the engine's deadline
 * too. The receiver records handle time minus deadline; an early message is counted, recorded as 0, and the
 * result's note says so loudly (the goal check then fails), since "never early" is the promise.
 * <p>
 * <b>Note:</b> run by the bench's main thread only.
 */
final class DelayScenario implements Scenario
{
    static final String ID = ScenarioRegistry.DELAY;
    /** The word in a result's note that marks early deliveries. */
    static final String EARLY = "EARLY";
    /** Delayed messages sent per second: one every 200 µs. */
    static final int RATE = 5_000;
    /** Messages the sender cycles through; at {@link #RATE} a message is reused only after 13 s. */
    private static final int POOL = 1 << 16;
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Override
    public String id()
    {
        return ID;
    }

    @Override
    public boolean hasPeers()
    {
        return false;
    }

    @Override
    public String what()
    {
        return "lateness of delayed delivery, from the deadline to the handler (queue.sendAfter, " + RATE +
            " messages/s, many waiting at once; one consumer, backoff idle; HdrHistogram, ns; lower is better). " +
            "The timer tick is in each row's note; an early delivery would be counted and flagged " + EARLY;
    }

    @Override
    public Result measure(final Run run, final Subject subject) throws Exception
    {
        if (!(subject instanceof DelaySubject delayed))
        {
            throw new UnsupportedOperationException(subject.id() + " is not a delay subject");
        }
        final BenchOptions options = run.options();
        final long delay = delayed.delay().toNanos();
        try (Session session = subject.open(options.size()))
        {
            final Lateness receiver = new Lateness();
            final Link link = session.link(Topology.ONE_TO_ONE, receiver);
            final Msg[] pool = new Msg[POOL];
            for (int i = 0; i < POOL; i++)
            {
                pool[i] = new Msg(options.size());
            }
            final long interval = 1_000_000_000L / RATE;
            final long start = System.nanoTime();
            final long recordFrom = start + (long)(options.warmupSeconds() * 1e9);
            receiver.recordFromDeadline = recordFrom + delay;
            final long end = recordFrom + (long)(options.durationSeconds() * 1e9);
            long sent = 0;
            while (true)
            {
                final long intended = start + sent * interval;
                if (intended >= end)
                {
                    break;
                }
                while (System.nanoTime() < intended)
                {
                    Thread.yield();
                }
                final Msg msg = pool[(int)(sent & (POOL - 1))];
                msg.seq = sent;
                msg.stampNanos = System.nanoTime() + delay;
                link.send(msg);
                sent++;
            }
            receiver.await(sent, System.nanoTime() + delay + GRACE_NANOS);
            final StringBuilder note = new StringBuilder(delayed.timer());
            if (receiver.early > 0)
            {
                note.insert(0, String.format(Locale.ROOT, "!!! %s: %,d of %,d messages handled before their deadline " +
                    "(by up to %s): never-early is broken !!! ", EARLY, receiver.early, sent,
                    Tables.micros(receiver.earliest)));
            }
            return new Result.Latency(ID, subject.id(), subject.idle(), subject.ringbus(), receiver.histogram,
                note.toString());
        }
    }

    /** Records deadline-to-handle times on the subject's consumer thread. */
    private static final class Lateness implements Receiver
    {
        final Histogram histogram = LatencyHarness.histogram();
        volatile long recordFromDeadline;
        volatile long received;
        long early;
        long earliest;

        @Override
        public void onMessage(final Msg msg)
        {
            final long late = System.nanoTime() - msg.stampNanos;
            if (late < 0)
            {
                early++;
                earliest = Math.max(earliest, -late);
            }
            if (msg.stampNanos >= recordFromDeadline)
            {
                histogram.recordValue(Math.max(0, Math.min(late, LatencyHarness.HIGHEST_NANOS)));
            }
            received = received + 1;
        }

        void await(final long count, final long deadline) throws InterruptedException
        {
            while (received < count)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("delay stalled: " + received + " of " + count + " delivered");
                }
                Thread.sleep(1);
            }
        }
    }
}
