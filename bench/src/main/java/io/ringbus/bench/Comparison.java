package io.ringbus.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * One figure of a subject divided by the same figure of another subject of the same scenario (a peer, or a
 * Ringbus baseline), pass by pass: each pass's ratio comes from that pass's two results only, and the spread is
 * taken over the passes in which both sides are reliable. A pass in which either side is marked
 * {@link Goals#UNRELIABLE} (a starved ping-pong) gives no ratio: a figure from a starved run is not a figure.
 * <p>
 * <b>Note:</b> an immutable value.
 */
final class Comparison
{
    /** Throughput in operations per second. */
    static final ToDoubleFunction<Result> OPS_PER_SEC = r -> ((Result.Throughput)r).opsPerSec();
    /** Time per operation in ns. */
    static final ToDoubleFunction<Result> NANOS_PER_OP = r -> ((Result.Throughput)r).nanosPerOp();

    /**
     * One pass's two results and their ratio.
     *
     * @param pass    the pass.
     * @param subject the subject's result (the numerator).
     * @param other   the other subject's result (the denominator).
     * @param ratio   subject's figure divided by the other's.
     */
    record Pass(int pass, Result subject, Result other, double ratio)
    {
    }

    private final String subject;
    private final String other;
    private final List<Pass> reliable;
    private final int measured;
    private final String unreliableSubject;
    private final String unreliable;

    private Comparison(
        final String subject, final String other, final List<Pass> reliable, final int measured,
        final String unreliableSubject, final String unreliable)
    {
        this.subject = subject;
        this.other = other;
        this.reliable = List.copyOf(reliable);
        this.measured = measured;
        this.unreliableSubject = unreliableSubject;
        this.unreliable = unreliable;
    }

    /**
     * A latency percentile in ns.
     *
     * @param percentile e.g. 50 or 99.9.
     * @return the figure.
     */
    static ToDoubleFunction<Result> percentile(final double percentile)
    {
        return r -> ((Result.Latency)r).percentile(percentile);
    }

    /**
     * Compares two subjects of one scenario pass by pass.
     *
     * @param results every result of the run.
     * @param scenario the scenario id.
     * @param subject  the numerator's subject id.
     * @param other    the denominator's subject id.
     * @param figure   the figure of a result (both results are of the same kind: neither failed).
     * @return the comparison; {@link #measured()} is false when no pass measured both.
     */
    static Comparison of(
        final List<Result> results, final String scenario, final String subject, final String other,
        final ToDoubleFunction<Result> figure)
    {
        final List<Pass> reliable = new ArrayList<>();
        int measured = 0;
        String unreliableSubject = "";
        String unreliable = "";
        for (final Result a : results)
        {
            if (!a.scenario().equals(scenario) || !a.subject().equals(subject) || a instanceof Result.Failed)
            {
                continue;
            }
            final Optional<Result> b = results.stream()
                .filter(r -> r.scenario().equals(scenario) && r.subject().equals(other) && r.pass() == a.pass())
                .filter(r -> r.getClass() == a.getClass())
                .findFirst();
            if (b.isEmpty())
            {
                continue;
            }
            measured++;
            if (a.unreliable() || b.get().unreliable())
            {
                if (unreliable.isEmpty())
                {
                    final Result starved = a.unreliable() ? a : b.get();
                    unreliableSubject = starved.subject();
                    unreliable = starved.subject() + ": " + note(starved);
                }
                continue;
            }
            final double mine = figure.applyAsDouble(a);
            final double theirs = figure.applyAsDouble(b.get());
            final double ratio = mine / theirs;
            if (Double.isNaN(ratio) || Double.isInfinite(ratio) || ratio == 0)
            {
                if (unreliable.isEmpty())
                {
                    unreliableSubject = mine > 0 && !Double.isInfinite(mine) ? other : subject;
                    unreliable = unreliableSubject + ": a figure of zero or none";
                }
                continue;
            }
            reliable.add(new Pass(a.pass(), a, b.get(), ratio));
        }
        return new Comparison(subject, other, reliable, measured, unreliableSubject, unreliable);
    }

    String subject()
    {
        return subject;
    }

    String other()
    {
        return other;
    }

    /**
     * @return whether some pass measured both subjects (reliably or not).
     */
    boolean measured()
    {
        return measured > 0;
    }

    /**
     * @return whether some pass gave a ratio: both sides measured and reliable.
     */
    boolean reliable()
    {
        return !reliable.isEmpty();
    }

    /**
     * @return the passes that measured both sides but gave no ratio (a side unreliable).
     */
    int leftOut()
    {
        return measured - reliable.size();
    }

    /**
     * @return the passes that measured both sides.
     */
    int measuredPasses()
    {
        return measured;
    }

    /**
     * @return why a pass gave no ratio (the first such pass's note), or an empty string.
     */
    String unreliableReason()
    {
        return unreliable;
    }

    /**
     * @return the subject whose unreliable result left a pass out (the first such pass's), or an empty string.
     */
    String unreliableSubject()
    {
        return unreliableSubject;
    }

    /**
     * @return min, median and max of the ratios of the reliable passes.
     */
    Spread spread()
    {
        return Spread.of(reliable.stream().map(Pass::ratio).toList());
    }

    /**
     * The pass whose ratio is the median one (the lower of the two middle ones for an even count): its figures
     * are the ones a goal quotes.
     *
     * @return the pass.
     * @throws IllegalStateException when no pass is reliable.
     */
    Pass medianPass()
    {
        if (reliable.isEmpty())
        {
            throw new IllegalStateException("no reliable pass compares " + subject + " with " + other);
        }
        final List<Pass> sorted = reliable.stream().sorted(Comparator.comparingDouble(Pass::ratio)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static String note(final Result result)
    {
        if (result instanceof Result.Latency l)
        {
            return l.note();
        }
        return result instanceof Result.Throughput t ? t.note() : "";
    }
}
