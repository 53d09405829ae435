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
     * A latency distribution in nanoseconds.
     *
     * @param scenario  scenario id.
     * @param subject   subject id.
     * @param idle      idle strategy.
     * @param ringbus   whether the subject is Ringbus.
     * @param histogram recorded values in ns.
     * @param note      anything the reader must know (overruns, the waiting style), or empty.
     */
    record Latency(String scenario, String subject, String idle, boolean ringbus, Histogram histogram, String note)
        implements Result
    {
        long percentile(final double percentile)
        {
            return histogram.getValueAtPercentile(percentile);
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
     */
    record Throughput(
        String scenario, String subject, String idle, boolean ringbus, double opsPerSec, double error,
        double bytesPerOp, String note) implements Result
    {
        double nanosPerOp()
        {
            return 1e9 / opsPerSec;
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
     */
    record Failed(String scenario, String subject, String idle, boolean ringbus, String reason) implements Result
    {
    }
}
