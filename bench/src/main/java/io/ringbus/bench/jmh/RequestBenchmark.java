package io.ringbus.bench.jmh;

import io.ringbus.bench.Msg;
import io.ringbus.bench.Requester;
import io.ringbus.bench.Session;
import io.ringbus.bench.SubjectRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Request/reply calls per second through any registered request/reply subject, one at a time (send the
 * request, wait for the reply); with {@code -prof gc} it gives the bytes each call allocates.
 * <p>
 * <b>Note:</b> one JMH thread calls; the subject's threads respond.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RequestBenchmark
{
    /** Subject id from the registry. */
    @Param("ringbus-request/yielding")
    public String subject;

    /** Payload bytes. */
    @Param("32")
    public int size;

    private Session session;
    private Requester requester;
    private Msg msg;

    /**
     * Opens the subject, outside the timed path.
     *
     * @throws Exception when the subject cannot be set up.
     */
    @Setup(Level.Trial)
    public void open() throws Exception
    {
        msg = new Msg(size);
        session = SubjectRegistry.byId(subject).open(size);
        requester = session.requester();
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
     * One request and its reply.
     *
     * @return the reply, consumed by JMH.
     * @throws Exception when the request fails or times out.
     */
    @Benchmark
    public Msg call() throws Exception
    {
        return requester.call(msg);
    }
}
