package io.ringbus.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Formats results: the one-line progress form and the Markdown tables of the summary (which read as plain
 * text in a terminal too), including the Ringbus-to-peer ratio tables.
 * <p>
 * <b>Note:</b> stateless.
 */
final class Tables
{
    private Tables()
    {
    }

    static String oneLine(final Result result)
    {
        if (result instanceof Result.Latency latency)
        {
            return String.format(Locale.ROOT, "p50 %s  p99 %s  p99.9 %s  max %s  (%,d samples)%s",
                micros(latency.percentile(50)), micros(latency.percentile(99)), micros(latency.percentile(99.9)),
                micros(latency.histogram().getMaxValue()), latency.histogram().getTotalCount(), note(latency.note()));
        }
        if (result instanceof Result.Throughput tput)
        {
            return String.format(Locale.ROOT, "%s msg/s  %s/msg  %s B/msg%s",
                rate(tput.opsPerSec()), nanos(tput.nanosPerOp()), bytes(tput.bytesPerOp()), note(tput.note()));
        }
        return "FAILED: " + ((Result.Failed)result).reason();
    }

    /**
     * The results of one scenario as a Markdown table, grouped by subject; with more than one pass, a pass column
     * and one row per pass.
     */
    static String resultTable(final List<Result> results)
    {
        final StringBuilder md = new StringBuilder();
        final boolean latency = results.stream().anyMatch(r -> r instanceof Result.Latency);
        final boolean passes = results.stream().anyMatch(r -> r.pass() > 1);
        final String pass = passes ? " pass |" : "";
        final String passRule = passes ? " ---: |" : "";
        if (latency)
        {
            md.append("| subject | idle |").append(pass)
                .append(" p50 | p90 | p99 | p99.9 | p99.99 | max | count | note |\n");
            md.append("| --- | --- |").append(passRule)
                .append(" ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        }
        else
        {
            md.append("| subject | idle |").append(pass).append(" msg/s | ± (99.9%) | time/msg | B/msg | note |\n");
            md.append("| --- | --- |").append(passRule).append(" ---: | ---: | ---: | ---: | --- |\n");
        }
        for (final Result result : bySubject(results))
        {
            final String name = result.ringbus() ? "**" + result.subject() + "**" : result.subject();
            final String passCell = passes ? " " + result.pass() + " |" : "";
            if (result instanceof Result.Latency l)
            {
                md.append(String.format(Locale.ROOT, "| %s | %s |%s %s | %s | %s | %s | %s | %s | %,d | %s |\n",
                    name, l.idle(), passCell, micros(l.percentile(50)), micros(l.percentile(90)),
                    micros(l.percentile(99)), micros(l.percentile(99.9)), micros(l.percentile(99.99)),
                    micros(l.histogram().getMaxValue()), l.histogram().getTotalCount(), l.note()));
            }
            else if (result instanceof Result.Throughput t)
            {
                md.append(String.format(Locale.ROOT, "| %s | %s |%s %s | %s | %s | %s | %s |\n",
                    name, t.idle(), passCell, rate(t.opsPerSec()), Double.isNaN(t.error()) ? "n/a" : rate(t.error()),
                    nanos(t.nanosPerOp()), bytes(t.bytesPerOp()), t.note()));
            }
            else
            {
                final Result.Failed f = (Result.Failed)result;
                md.append("| ").append(name).append(" | ").append(f.idle()).append(" |").append(passCell)
                    .append(" FAILED: ").append(f.reason().replace('|', '/'))
                    .append(latency ? " | | | | | | | |\n" : " | | | | |\n");
            }
        }
        return md.toString();
    }

    /** The results grouped by subject (in the order subjects first appear), each subject's passes in order. */
    static List<Result> bySubject(final List<Result> results)
    {
        final List<String> subjects = subjects(results, r -> true);
        final List<Result> sorted = new ArrayList<>();
        for (final String subject : subjects)
        {
            results.stream()
                .filter(r -> r.subject().equals(subject))
                .sorted(Comparator.comparingInt(Result::pass))
                .forEach(sorted::add);
        }
        return sorted;
    }

    /**
     * Each Ringbus subject (rows) as a ratio to each peer (columns) of the same scenario and run, pass by pass:
     * the median ratio, with min-max over the passes when there are several; empty when either side is missing.
     * Latency cells are "p50 ratio / p99.9 ratio" (Ringbus / peer: below 1 is faster); throughput cells are
     * Ringbus / peer (above 1 is faster). A pass with an unreliable side gives no ratio; a cell with no reliable
     * pass shows a dash and why.
     */
    static String ratioTable(final List<Result> results)
    {
        final List<String> ringbus = subjects(results, r -> r.ringbus() && !(r instanceof Result.Failed));
        final List<String> peers = subjects(results, r -> !r.ringbus() && !(r instanceof Result.Failed));
        if (ringbus.isEmpty() || peers.isEmpty())
        {
            return "";
        }
        final boolean latency = results.stream().filter(r -> !(r instanceof Result.Failed))
            .findFirst().orElseThrow() instanceof Result.Latency;
        final boolean passes = results.stream().anyMatch(r -> r.pass() > 1);
        final StringBuilder md = new StringBuilder();
        md.append(latency ?
            "Ringbus ÷ peer, same run: p50 ratio / p99.9 ratio (below 1.00x: Ringbus is faster)" :
            "Ringbus ÷ peer, same run: throughput ratio (above 1.00x: Ringbus is faster)");
        md.append(passes ? "; each pass's ratio from that pass's two figures, shown as the median (min–max)" : "")
            .append("; a dash: no reliable pass, the row's or the column's subject was starved (see its note ")
            .append("above)\n\n");
        md.append("| Ringbus \\ peer |");
        for (final String peer : peers)
        {
            md.append(' ').append(peer).append(" |");
        }
        md.append("\n| --- |");
        md.append(" ---: |".repeat(peers.size()));
        md.append('\n');
        final String scenario = results.get(0).scenario();
        for (final String row : ringbus)
        {
            md.append("| ").append(row).append(" |");
            for (final String peer : peers)
            {
                md.append(' ').append(ratioCell(results, scenario, row, peer, latency)).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /**
     * Each subject of a scenario without peers as a ratio to one of them (e.g. 10,000 topics ÷ 1 topic), pass by
     * pass; empty when the baseline was not measured.
     */
    static String baselineTable(final List<Result> results, final String baseline)
    {
        final List<String> subjects = subjects(results, r -> !(r instanceof Result.Failed));
        if (!subjects.contains(baseline) || subjects.size() < 2)
        {
            return "";
        }
        final boolean latency = results.stream().filter(r -> r.subject().equals(baseline))
            .anyMatch(r -> r instanceof Result.Latency);
        final String scenario = results.get(0).scenario();
        final StringBuilder md = new StringBuilder();
        md.append("| subject | ÷ ").append(baseline).append(latency ? " (p50 / p99.9) |\n" : " |\n")
            .append("| --- | ---: |\n");
        for (final String subject : subjects)
        {
            if (!subject.equals(baseline))
            {
                md.append("| ").append(subject).append(" | ")
                    .append(ratioCell(results, scenario, subject, baseline, latency)).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String ratioCell(
        final List<Result> results, final String scenario, final String row, final String peer, final boolean latency)
    {
        if (latency)
        {
            final Comparison p50 = Comparison.of(results, scenario, row, peer, Comparison.percentile(50));
            final Comparison p999 = Comparison.of(results, scenario, row, peer, Comparison.percentile(99.9));
            if (p50.measured() && !p50.reliable())
            {
                return spreadCell(p50);
            }
            return spreadCell(p50) + " / " + spreadCell(p999);
        }
        return spreadCell(Comparison.of(results, scenario, row, peer, Comparison.OPS_PER_SEC));
    }

    /** A comparison as "median" or "median (min–max)", "n/a" when not measured, a dash and why when unreliable. */
    static String spreadCell(final Comparison comparison)
    {
        if (!comparison.measured())
        {
            return "n/a";
        }
        if (!comparison.reliable())
        {
            return "– (" + Goals.UNRELIABLE + " " +
                (comparison.unreliableSubject().equals(comparison.subject()) ? "row" : "column") + ")";
        }
        final Spread spread = comparison.spread();
        final StringBuilder cell = new StringBuilder(ratio(spread.median()));
        if (comparison.measuredPasses() > 1)
        {
            cell.append(" (").append(ratio(spread.min())).append('–').append(ratio(spread.max()));
            if (comparison.leftOut() > 0)
            {
                cell.append(String.format(
                    Locale.ROOT, "; %d of %d passes", spread.count(), comparison.measuredPasses()));
            }
            cell.append(')');
        }
        return cell.toString();
    }

    /** The distinct subject ids of the results that pass the filter, in the order they first appear. */
    private static List<String> subjects(final List<Result> results, final Predicate<Result> filter)
    {
        final Set<String> ids = new LinkedHashSet<>();
        for (final Result result : results)
        {
            if (filter.test(result))
            {
                ids.add(result.subject());
            }
        }
        return new ArrayList<>(ids);
    }

    static String ratio(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return "n/a";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0fx" : "%.2fx", value);
    }

    /** A goal's min, median or max: a ratio ("x") or bytes per message ("B/msg"); a dash for none. */
    static String spreadValue(final double value, final String unit)
    {
        if (Double.isNaN(value))
        {
            return "–";
        }
        return "x".equals(unit) ? ratio(value) : String.format(Locale.ROOT, "%.3f %s", value, unit);
    }

    static String micros(final long nanos)
    {
        final double us = nanos / 1000.0;
        if (us < 10)
        {
            return String.format(Locale.ROOT, "%.2f µs", us);
        }
        if (us < 1000)
        {
            return String.format(Locale.ROOT, "%.1f µs", us);
        }
        return String.format(Locale.ROOT, "%,.0f µs", us);
    }

    static String nanos(final double nanos)
    {
        if (Double.isNaN(nanos) || Double.isInfinite(nanos))
        {
            return "n/a";
        }
        return nanos < 1000 ?
            String.format(Locale.ROOT, "%.1f ns", nanos) :
            String.format(Locale.ROOT, "%.2f µs", nanos / 1000);
    }

    static String rate(final double perSecond)
    {
        if (Double.isNaN(perSecond))
        {
            return "n/a";
        }
        if (perSecond >= 1e6)
        {
            return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
        }
        if (perSecond >= 1e3)
        {
            return String.format(Locale.ROOT, "%.1f k", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    static String bytes(final double bytes)
    {
        return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%.1f", bytes);
    }

    private static String note(final String note)
    {
        return note.isEmpty() ? "" : "  [" + note + "]";
    }
}
