package io.ringbus.bench;

import io.ringbus.bench.jmh.RequestBenchmark;
import io.ringbus.bench.jmh.TransferBenchmark;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.function.ToIntFunction;

/**
 * A throughput scenario run by JMH ({@link TransferBenchmark} for message subjects, {@link RequestBenchmark}
 * for request/reply subjects), one JMH run per subject so the progress shows as it goes, always with the GC
 * profiler ({@code -prof gc}) for {@code gc.alloc.rate.norm}. JMH's own log of each run is kept in the report's
 * {@code jmh/} folder.
 * <p>
 * <b>Note:</b> run by the bench's main thread only.
 */
final class JmhScenario implements Scenario
{
    private final String id;
    private final String what;
    private final Topology topology;
    private final ToIntFunction<Subject> receivers;
    private final boolean messagesOnly;
    private final String baseline;

    JmhScenario(final String id, final String what, final Topology topology, final int receivers)
    {
        this(id, what, topology, receivers, false);
    }

    /**
     * @param messagesOnly measure every subject's message path ({@link TransferBenchmark}), even one that also
     *                     offers request/reply (the IPC subjects do both).
     */
    JmhScenario(
        final String id, final String what, final Topology topology, final int receivers, final boolean messagesOnly)
    {
        this(id, what, topology, subject -> receivers, messagesOnly, "");
    }

    private JmhScenario(
        final String id, final String what, final Topology topology, final ToIntFunction<Subject> receivers,
        final boolean messagesOnly, final String baseline)
    {
        this.id = id;
        this.what = what;
        this.topology = topology;
        this.receivers = receivers;
        this.messagesOnly = messagesOnly;
        this.baseline = baseline;
    }

    /**
     * A scenario whose subjects each spread one producer's messages round-robin over their own number of paths
     * ({@link ManyTopicsSubject#topics()} receivers, {@link Topology#ROUND_ROBIN}), Ringbus only, each subject
     * compared with {@code baseline}.
     */
    static JmhScenario roundRobin(final String id, final String what, final String baseline)
    {
        return new JmhScenario(id, what, Topology.ROUND_ROBIN, subject ->
        {
            if (!(subject instanceof ManyTopicsSubject many))
            {
                throw new UnsupportedOperationException(subject.id() + " does not say how many topics it spreads over");
            }
            return many.topics();
        }, false, baseline);
    }

    @Override
    public String id()
    {
        return id;
    }

    @Override
    public String what()
    {
        return what;
    }

    @Override
    public boolean hasPeers()
    {
        return baseline.isEmpty();
    }

    @Override
    public String baseline()
    {
        return baseline;
    }

    @Override
    public io.ringbus.bench.Result measure(final Run run, final Subject subject) throws Exception
    {
        final BenchOptions options = run.options();
        final Mode mode = options.mode();
        final Path logs = Files.createDirectories(run.folder().resolve("jmh"));
        final boolean requests = subject.requestReply() && !messagesOnly;
        final String benchmark = requests ?
            RequestBenchmark.class.getName() + ".call" :
            TransferBenchmark.class.getName() + ".transfer";
        final ChainedOptionsBuilder builder = new OptionsBuilder()
            .include("^" + benchmark.replace(".", "\\.") + "$")
            .param("subject", subject.id())
            .param("size", Integer.toString(options.size()))
            .forks(mode.forks)
            .warmupIterations(mode.warmupIterations)
            .warmupTime(TimeValue.milliseconds(mode.warmupMillis))
            .measurementIterations(mode.measurementIterations)
            .measurementTime(TimeValue.milliseconds(mode.measurementMillis))
            .threads(1)
            .jvmArgsAppend(BenchMain.JVM_EXPORTS, "-Djava.awt.headless=true")
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true)
            .verbosity(VerboseMode.NORMAL)
            .output(logs.resolve(id + "_" + BenchMain.fileName(subject.id()) + run.passSuffix() + ".txt").toString());
        if (!requests)
        {
            builder.param("topology", topology.name())
                .param("receivers", Integer.toString(receivers.applyAsInt(subject)));
        }
        final Collection<RunResult> results = new Runner(builder.build()).run();
        if (results.isEmpty())
        {
            throw new IllegalStateException("JMH produced no result (see jmh/ in the report)");
        }
        final RunResult result = results.iterator().next();
        final Result<?> primary = result.getPrimaryResult();
        double bytesPerOp = Double.NaN;
        for (final var secondary : result.getSecondaryResults().entrySet())
        {
            if (secondary.getKey().endsWith("gc.alloc.rate.norm"))
            {
                bytesPerOp = secondary.getValue().getScore();
            }
        }
        final String note = requests ? "one request at a time" : "";
        return new io.ringbus.bench.Result.Throughput(
            id, subject.id(), subject.idle(), subject.ringbus(), primary.getScore(), primary.getScoreError(),
            bytesPerOp, note);
    }
}
