package io.ringbus.bench;

/**
 * How long each measurement runs. {@code smoke} only proves that every subject and scenario still works and
 * writes its report: its numbers mean nothing (JMH runs in-process, iterations last 100 ms).
 * <p>
 * <b>Note:</b> an immutable value.
 */
public enum Mode
{
    /** Seconds in all; run by the normal test suite. Not a measurement. */
    SMOKE(0.05, 0.15, 0, 1, 100, 1, 100),
    /**
     * About 3 minutes on 2 cores: the README's main-job command. JMH iterations last 700 ms (one warm-up, two
     * measured), trimmed from 1 s when the issue-3 subjects, delay and journal joined the run.
     */
    QUICK(0.5, 1.0, 1, 1, 700, 2, 700),
    /** Longer and with two JMH forks, for figures to publish (on a quiet machine). */
    FULL(3.0, 10.0, 2, 3, 2000, 5, 2000);

    /** Latency harness: seconds of warm-up before recording. */
    final double warmupSeconds;
    /** Latency harness: seconds recorded. */
    final double durationSeconds;
    /** JMH forks (0 = in-process). */
    final int forks;
    /** JMH warm-up iterations. */
    final int warmupIterations;
    /** JMH warm-up iteration length. */
    final int warmupMillis;
    /** JMH measurement iterations. */
    final int measurementIterations;
    /** JMH measurement iteration length. */
    final int measurementMillis;

    Mode(
        final double warmupSeconds,
        final double durationSeconds,
        final int forks,
        final int warmupIterations,
        final int warmupMillis,
        final int measurementIterations,
        final int measurementMillis)
    {
        this.warmupSeconds = warmupSeconds;
        this.durationSeconds = durationSeconds;
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
    }
}
