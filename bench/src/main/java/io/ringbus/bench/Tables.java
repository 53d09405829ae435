package io.ringbus.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    /** The results of one scenario as a Markdown table. */
    static String resultTable(final List<Result> results)
    {
        final StringBuilder md = new StringBuilder();
        final boolean latency = results.stream().anyMatch(r -> r instanceof Result.Latency);
        if (latency)
        {
            md.append("| subject | idle | p50 | p90 | p99 | p99.9 | p99.99 | max | count | note |\n");
            md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        }
        else
        {
            md.append("| subject | idle | msg/s | ± (99.9%) | time/msg | B/msg | note |\n");
            md.append("| --- | --- | ---: | ---: | ---: | ---: | --- |\n");
        }
        for (final Result result : results)
        {
            final String name = result.ringbus() ? "**" + result.subject() + "**" : result.subject();
            if (result instanceof Result.Latency l)
            {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %,d | %s |\n",
                    name, l.idle(), micros(l.percentile(50)), micros(l.percentile(90)), micros(l.percentile(99)),
                    micros(l.percentile(99.9)), micros(l.percentile(99.99)), micros(l.histogram().getMaxValue()),
                    l.histogram().getTotalCount(), l.note()));
            }
            else if (result instanceof Result.Throughput t)
            {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |\n",
                    name, t.idle(), rate(t.opsPerSec()), Double.isNaN(t.error()) ? "n/a" : rate(t.error()),
                    nanos(t.nanosPerOp()), bytes(t.bytesPerOp()), t.note()));
            }
            else
            {
                final Result.Failed f = (Result.Failed)result;
                md.append("| ").append(name).append(" | ").append(f.idle()).append(" | FAILED: ")
                    .append(f.reason().replace('|', '/')).append(latency ? " | | | | | | | |\n" : " | | | | |\n");
            }
        }
        return md.toString();
    }

    /**
     * Each Ringbus subject (rows) as a ratio to each peer (columns) of the same scenario and run; empty when
     * either side is missing. Latency cells are "p50 ratio / p99.9 ratio" (Ringbus / peer: below 1 is faster);
     * throughput cells are Ringbus / peer (above 1 is faster).
     */
    static String ratioTable(final List<Result> results)
    {
        final List<Result> ringbus = new ArrayList<>();
        final List<Result> peers = new ArrayList<>();
        for (final Result result : results)
        {
            if (!(result instanceof Result.Failed))
            {
                (result.ringbus() ? ringbus : peers).add(result);
            }
        }
        if (ringbus.isEmpty() || peers.isEmpty())
        {
            return "";
        }
        final boolean latency = ringbus.get(0) instanceof Result.Latency;
        final StringBuilder md = new StringBuilder();
        md.append(latency ?
            "Ringbus ÷ peer, same run: p50 ratio / p99.9 ratio (below 1.00x: Ringbus is faster)\n\n" :
            "Ringbus ÷ peer, same run: throughput ratio (above 1.00x: Ringbus is faster)\n\n");
        md.append("| Ringbus \\ peer |");
        for (final Result peer : peers)
        {
            md.append(' ').append(peer.subject()).append(" |");
        }
        md.append("\n| --- |");
        md.append(" ---: |".repeat(peers.size()));
        md.append('\n');
        for (final Result row : ringbus)
        {
            md.append("| ").append(row.subject()).append(" |");
            for (final Result peer : peers)
            {
                md.append(' ').append(ratioCell(row, peer)).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String ratioCell(final Result row, final Result peer)
    {
        if (row instanceof Result.Latency r && peer instanceof Result.Latency p)
        {
            return ratio((double)r.percentile(50) / p.percentile(50)) + " / " +
                ratio((double)r.percentile(99.9) / p.percentile(99.9));
        }
        if (row instanceof Result.Throughput r && peer instanceof Result.Throughput p)
        {
            return ratio(r.opsPerSec() / p.opsPerSec());
        }
        return "n/a";
    }

    static String ratio(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return "n/a";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0fx" : "%.2fx", value);
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
