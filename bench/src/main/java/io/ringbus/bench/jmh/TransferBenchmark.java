package io.ringbus.bench.jmh;

import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Session;
import io.ringbus.bench.SubjectRegistry;
import io.ringbus.bench.Topology;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Messages per second through any registered subject: one invocation sends {@link #BATCH} messages (waiting
 * as the subject waits when it is full) and then waits until every receiver has them, so unbounded peers
 * cannot run ahead of their consumers and every figure is a delivered rate. With {@link Topology#ROUND_ROBIN} the
 * messages go to the receivers in turn (a topic each), and delivery is checked on the receivers this batch reached
 * (message {@code k} is the {@code k / n + 1}-th of receiver {@code k mod n}). The subject is chosen by id
 * ({@code @Param subject}); the run adds {@code -prof gc} for {@code gc.alloc.rate.norm} (B/message, all threads).
 * <p>
 * <b>Note:</b> one JMH thread sends; the subject's threads receive.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransferBenchmark
{
    /** Messages per invocation. */
    public static final int BATCH = 1000;
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** Subject id from the registry. */
    @Param("ringbus-topic/busy-spin")
    public String subject;

    /** A {@link Topology} name. */
    @Param("ONE_TO_ONE")
    public String topology;

    /** Number of receivers. */
    @Param("1")
    public int receivers;

    /** Payload bytes. */
    @Param("32")
    public int size;

    private Session session;
    private Link link;
    private Counter[] counters;
    private Msg msg;
    private long sent;
    private boolean competing;
    private boolean roundRobin;
    /** Round-robin: the first message whose delivery is not confirmed yet. */
    private long unconfirmed;

    /**
     * Opens the subject, outside the timed path.
     *
     * @throws Exception when the subject cannot be set up.
     */
    @Setup(Level.Trial)
    public void open() throws Exception
    {
        final Topology shape = Topology.valueOf(topology);
        competing = shape == Topology.COMPETING;
        roundRobin = shape == Topology.ROUND_ROBIN;
        counters = new Counter[receivers];
        for (int i = 0; i < receivers; i++)
        {
            counters[i] = new Counter();
        }
        msg = new Msg(size);
        session = SubjectRegistry.byId(subject).open(size);
        link = session.link(shape, counters);
    }

    /**
     * Closes the subject and its threads.
     *
     * @throws Exception when it fails to stop.
     */
    @TearDown(Level.Trial)
    public void close() throws Exception
    {
        session.close();
    }

    /**
     * Sends a batch and waits for its delivery.
     *
     * @throws Exception when the subject fails or stalls.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void transfer() throws Exception
    {
        final Link link = this.link;
        final Msg msg = this.msg;
        for (int i = 0; i < BATCH; i++)
        {
            link.send(msg);
        }
        sent += BATCH;
        awaitDelivery();
    }

    private void awaitDelivery()
    {
        final long start = System.nanoTime();
        int spins = 0;
        while (!delivered())
        {
            if (++spins < 100)
            {
                Thread.onSpinWait();
            }
            else
            {
                Thread.yield();
                if ((spins & 1023) == 0 && System.nanoTime() - start > STALL_NANOS)
                {
                    throw new IllegalStateException(subject + " stalled: " + sent + " sent, not all delivered");
                }
            }
        }
    }

    private boolean delivered()
    {
        if (roundRobin)
        {
            return roundRobinDelivered();
        }
        if (competing)
        {
            long total = 0;
            for (final Counter counter : counters)
            {
                total += counter.count();
            }
            return total >= sent;
        }
        for (final Counter counter : counters)
        {
            if (counter.count() < sent)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Each receiver gets its messages in order, so the last message of the batch sent to a receiver confirms all
     * of its earlier ones: only the last {@code min(n, BATCH)} messages need checking, each once confirmed.
     */
    private boolean roundRobinDelivered()
    {
        final int n = counters.length;
        long message = Math.max(unconfirmed, sent - n);
        while (message < sent)
        {
            if (counters[(int)(message % n)].count() < message / n + 1)
            {
                unconfirmed = message;
                return false;
            }
            message++;
        }
        unconfirmed = sent;
        return true;
    }
}
