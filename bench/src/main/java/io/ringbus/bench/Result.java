package io.ringbus.bench;

import org.HdrHistogram.Histogram;

/**
 * One subject's outcome in one scenario.
 * <p>
 * <b>Note:</b> immutable once made (a latency result's histogram is not recorded into afterwards).
 */
sealed interface Result permits Result.Latency, Result.Throughput, Result.Failed
{
    String scenario();

    String subject();

    String idle();

    boolean ringbus();

    /**
     * Which pass of the run measured it: 1 to {@code bench.repeat}; every subject of a scenario runs once per pass.
     *
     * @return the pass, from 1.
     */
    int pass();

    /**
     * This result as measured in another pass (the scenarios make results for pass 1; the run numbers them).
     *
     * @param pass the pass, from 1.
     * @return a copy with that pass.
     */
    Result inPass(int pass);

    /**
     * What the goals must not be judged on: a note marking the figure {@link Goals#UNRELIABLE} (a starved
     * ping-pong, a one-way run whose messages overtook each other).
     *
     * @return true when the result is a figure that must not make or break a comparison.
     */
    default boolean unreliable()
    {
        return false;
    }

    /**
     * A latency distribution in nanoseconds.
     *
     * @param scenario  scenario id.
     * @param subject   subject id.
     * @param idle      idle strategy.
     * @param ringbus   whether the subject is Ringbus.
     * @param histogram recorded values in ns.
     * @param note      anything the reader must know (overruns, the waiting style), or empty.
     * @param pass      the pass of the run, from 1.
     */
    record Latency(
        String scenario, String subject, String idle, boolean ringbus, Histogram histogram, String note, int pass)
        implements Result
    {
        /** A result of pass 1. */
        Latency(
            final String scenario, final String subject, final String idle, final boolean ringbus,
            final Histogram histogram, final String note)
        {
            this(scenario, subject, idle, ringbus, histogram, note, 1);
        }

        long percentile(final double percentile)
        {
            return histogram.getValueAtPercentile(percentile);
        }

        @Override
        public Latency inPass(final int pass)
        {
            return new Latency(scenario, subject, idle, ringbus, histogram, note, pass);
        }

        @Override
        public boolean unreliable()
        {
            return note.contains(Goals.UNRELIABLE);
        }
    }

    /**
     * A JMH throughput with its allocation per operation.
     *
     * @param scenario    scenario id.
     * @param subject     subject id.
     * @param idle        idle strategy.
     * @param ringbus     whether the subject is Ringbus.
     * @param opsPerSec   operations (messages, requests) per second.
     * @param error       JMH's 99.9% confidence half-width, NaN when it has too few iterations.
     * @param bytesPerOp  {@code gc.alloc.rate.norm}, NaN when the profiler gave none.
     * @param note        anything the reader must know, or empty.
     * @param pass        the pass of the run, from 1.
     */
    record Throughput(
        String scenario, String subject, String idle, boolean ringbus, double opsPerSec, double error,
        double bytesPerOp, String note, int pass) implements Result
    {
        /** A result of pass 1. */
        Throughput(
            final String scenario, final String subject, final String idle, final boolean ringbus,
            final double opsPerSec, final double error, final double bytesPerOp, final String note)
        {
            this(scenario, subject, idle, ringbus, opsPerSec, error, bytesPerOp, note, 1);
        }

        double nanosPerOp()
        {
            return 1e9 / opsPerSec;
        }

        @Override
        public Throughput inPass(final int pass)
        {
            return new Throughput(scenario, subject, idle, ringbus, opsPerSec, error, bytesPerOp, note, pass);
        }

        @Override
        public boolean unreliable()
        {
            return note.contains(Goals.UNRELIABLE);
        }
    }

    /**
     * A subject that could not be measured: the report says why.
     *
     * @param scenario scenario id.
     * @param subject  subject id.
     * @param idle     idle strategy.
     * @param ringbus  whether the subject is Ringbus.
     * @param reason   what went wrong.
     * @param pass     the pass of the run, from 1.
     */
    record Failed(String scenario, String subject, String idle, boolean ringbus, String reason, int pass)
        implements Result
    {
        /** A failure in pass 1. */
        Failed(
            final String scenario, final String subject, final String idle, final boolean ringbus, final String reason)
        {
            this(scenario, subject, idle, ringbus, reason, 1);
        }

        @Override
        public Failed inPass(final int pass)
        {
            return new Failed(scenario, subject, idle, ringbus, reason, pass);
        }
    }
}
