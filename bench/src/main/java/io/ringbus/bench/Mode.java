package io.ringbus.bench;

/**
 * How long each measurement runs, and how many passes a run makes by default. {@code smoke} only proves that every
 * subject and scenario still works and writes its report: its numbers mean nothing (JMH runs in-process, iterations
 * last 100 ms).
 * <p>
 * <b>Note:</b> an immutable value.
 */
public enum Mode
{
    /** Seconds in all; run by the normal test suite. Not a measurement. */
    SMOKE(0.05, 0.15, 0, 1, 100, 1, 100, 1),
    /**
     * About 3-4 minutes on 2 cores: the README's main-job command, one pass. JMH iterations last 700 ms (one warm-up,
     * two measured), trimmed from 1 s when the issue-3 subjects, delay and journal joined the run.
     */
    QUICK(0.5, 1.0, 1, 1, 700, 2, 700, 1),
    /**
     * For figures to publish (on a quiet machine): three interleaved passes, each JMH measurement in a fork of its
     * own (so three forks per subject), goals judged on the median pass.
     */
    FULL(2.0, 5.0, 1, 3, 1000, 5, 1000, 3);

    /** Latency harness: seconds of warm-up before recording. */
    final double warmupSeconds;
    /** Latency harness: seconds recorded. */
    final double durationSeconds;
    /** JMH forks per pass (0 = in-process). */
    final int forks;
    /** JMH warm-up iterations. */
    final int warmupIterations;
    /** JMH warm-up iteration length. */
    final int warmupMillis;
    /** JMH measurement iterations. */
    final int measurementIterations;
    /** JMH measurement iteration length. */
    final int measurementMillis;
    /** Passes over every scenario's subjects unless {@code bench.repeat} says otherwise. */
    final int repeat;

    Mode(
        final double warmupSeconds,
        final double durationSeconds,
        final int forks,
        final int warmupIterations,
        final int warmupMillis,
        final int measurementIterations,
        final int measurementMillis,
        final int repeat)
    {
        this.warmupSeconds = warmupSeconds;
        this.durationSeconds = durationSeconds;
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
        this.repeat = repeat;
    }
}
