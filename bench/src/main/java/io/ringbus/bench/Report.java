package io.ringbus.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes a run's report folder: {@code summary.md} (goals, result and ratio tables, plots), {@code results.csv},
 * {@code results.json}, {@code hgrm/*.hgrm} (HdrHistogram percentile distributions, values in µs), one PNG per
 * latency scenario, and JMH's logs in {@code jmh/}, all into the run's folder ({@link ReportFolder} moves it into
 * place and copies it to {@code latest/} afterwards).
 * <p>
 * <b>Note:</b> run by the bench's main thread only.
 */
final class Report
{
    private Report()
    {
    }

    static String write(final Run run, final List<Scenario> scenarios, final String started)
        throws IOException, InterruptedException
    {
        final Path folder = run.folder();
        final List<Result> results = run.results();
        final List<Goals.Check> goals = Goals.evaluate(results);
        writeHistograms(folder, results);
        final List<String> plots = writePlots(folder, scenarios, results);
        final String summary = summary(run, scenarios, goals, plots, started);
        Files.writeString(folder.resolve("summary.md"), summary, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("results.csv"), csv(results), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("results.json"), json(run, goals, started), StandardCharsets.UTF_8);
        return summary;
    }

    private static void writeHistograms(final Path folder, final List<Result> results) throws IOException
    {
        final Path hgrm = Files.createDirectories(folder.resolve("hgrm"));
        final boolean passes = results.stream().anyMatch(r -> r.pass() > 1);
        for (final Result result : results)
        {
            if (result instanceof Result.Latency latency)
            {
                final String pass = passes ? "_pass" + latency.pass() : "";
                final Path file = hgrm.resolve(
                    latency.scenario() + "_" + BenchMain.fileName(latency.subject()) + pass + ".hgrm");
                try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
                {
                    latency.histogram().outputPercentileDistribution(out, 5, 1000.0);
                }
            }
        }
    }

    private static List<String> writePlots(
        final Path folder, final List<Scenario> scenarios, final List<Result> results)
        throws IOException, InterruptedException
    {
        final List<String> plots = new ArrayList<>();
        for (final Scenario scenario : scenarios)
        {
            final List<Result.Latency> latencies = medianPasses(results.stream()
                .filter(r -> r.scenario().equals(scenario.id()) && r instanceof Result.Latency)
                .map(r -> (Result.Latency)r)
                .toList());
            if (!latencies.isEmpty())
            {
                final String name = scenario.id() + ".png";
                if (Plots.render(scenario.id() + ": latency by percentile", latencies, folder.resolve(name)))
                {
                    plots.add(name);
                }
            }
        }
        return plots;
    }

    /**
     * One result per subject for the plots: with several passes, the pass with the median p50 (the lower middle one
     * for an even count).
     */
    static List<Result.Latency> medianPasses(final List<Result.Latency> latencies)
    {
        final List<Result.Latency> chosen = new ArrayList<>();
        for (final Result result : Tables.bySubject(new ArrayList<>(latencies)))
        {
            if (chosen.stream().anyMatch(c -> c.subject().equals(result.subject())))
            {
                continue;
            }
            final List<Result.Latency> passes = latencies.stream()
                .filter(l -> l.subject().equals(result.subject()))
                .sorted(Comparator.comparingLong(l -> l.percentile(50)))
                .toList();
            chosen.add(passes.get((passes.size() - 1) / 2));
        }
        return chosen;
    }

    private static String summary(
        final Run run, final List<Scenario> scenarios, final List<Goals.Check> goals, final List<String> plots,
        final String started)
    {
        final BenchOptions options = run.options();
        final StringBuilder md = new StringBuilder();
        md.append("# Ringbus bench: ").append(options.mode().name().toLowerCase(Locale.ROOT)).append(" run, ")
            .append(started).append("\n\n");
        md.append(machine()).append("; message payload ").append(options.size()).append(" bytes; ring/queue capacity ")
            .append(io.ringbus.bench.subjects.Bounds.CAPACITY).append("; latency warm-up ")
            .append(options.warmupSeconds()).append(" s, recorded ").append(options.durationSeconds())
            .append(" s per subject; one-way rate ").append(options.rate()).append(" msg/s; ")
            .append(options.repeat()).append(options.repeat() == 1 ? " pass" : " interleaved passes").append("; took ")
            .append(String.format(Locale.ROOT, "%.0f", run.elapsedSeconds())).append(" s.\n\n");
        md.append(JvmInfo.describe()).append(" (JMH forks and IPC child JVMs inherit the bench JVM's options).\n\n");
        md.append("Every figure comes from this run; subjects ran one after another, never at the same time. ")
            .append("Absolute times move between runs and machines (2 shared cores here): read the ratios. ")
            .append("A subject id is `name/idle strategy`.");
        if (options.repeat() > 1)
        {
            md.append(" Each scenario ran all its subjects once per pass, ").append(options.repeat())
                .append(" passes one after another (A B A B); each ratio is computed within a pass, and a goal is ")
                .append("judged on the median over the passes.");
        }
        md.append(" Like with like: each Ringbus topic path is compared with the raw Disruptor of the same ring size, ")
            .append("wait strategy and threads: object mode (`ringbus-topic`, `ringbus-topic-sw`) with `disruptor` ")
            .append("(slots hold references), slot mode (`ringbus-slot`, `ringbus-slot-sw`) with `disruptor-prealloc` ")
            .append("(preallocated events); `-sw` is a topic declared single-writer.\n");
        if (options.mode() == Mode.SMOKE)
        {
            md.append("\n**Smoke mode: these numbers are not measurements** (100 ms iterations, JMH in-process); ")
                .append("the run only proves the bench works.\n");
        }
        md.append("\n## Goals (issues 4 and 10; never-early: issue 3; IPC: issue 5)\n\n")
            .append("| goal | this run | min | median | max | status |\n| --- | --- | ---: | ---: | ---: | --- |\n");
        for (final Goals.Check check : goals)
        {
            md.append("| ").append(check.goal()).append(" | ").append(check.figure()).append(" | ")
                .append(Tables.spreadValue(check.spread().min(), check.unit())).append(" | ")
                .append(Tables.spreadValue(check.spread().median(), check.unit())).append(" | ")
                .append(Tables.spreadValue(check.spread().max(), check.unit())).append(" | ")
                .append(check.status().startsWith("NOT") || check.status().equals("MET") ?
                    "**" + check.status() + "**" : check.status())
                .append(" |\n");
        }
        md.append("\nA goal is judged on the median; min and max are over the passes in which both sides were ")
            .append("reliable. A comparison with no reliable pass (a starved ping-pong) is not measured, never MET or ")
            .append("NOT MET. A goal NOT MET is reported as it is; the issue's closing note says why and what would ")
            .append("close it.\n");
        for (final Scenario scenario : scenarios)
        {
            md.append("\n## ").append(scenario.id()).append("\n\n").append(scenario.what()).append(".\n\n");
            if (!scenario.notYetMeasured().isEmpty())
            {
                md.append("**").append(scenario.notYetMeasured()).append(".**\n");
                continue;
            }
            final List<Result> mine = run.results().stream().filter(r -> r.scenario().equals(scenario.id())).toList();
            if (mine.isEmpty())
            {
                md.append("Not run (not selected).\n");
                continue;
            }
            md.append(Tables.resultTable(mine));
            final String ratios = Tables.ratioTable(mine);
            if (!ratios.isEmpty())
            {
                md.append('\n').append(ratios);
            }
            if (!scenario.baseline().isEmpty())
            {
                final String relative = Tables.baselineTable(mine, scenario.baseline());
                if (!relative.isEmpty())
                {
                    md.append("\nEach subject ÷ ").append(scenario.baseline())
                        .append(", same run, pass by pass: median (min–max)\n\n").append(relative);
                }
            }
            final String png = scenario.id() + ".png";
            if (plots.contains(png))
            {
                md.append("\n![").append(scenario.id()).append(" percentiles](").append(png).append(")\n");
                if (options.repeat() > 1)
                {
                    md.append("\nThe plot shows each subject's pass with the median p50.\n");
                }
            }
            else if (mine.stream().anyMatch(r -> r instanceof Result.Latency))
            {
                md.append("\nPlot not rendered: see the run's standard error.\n");
            }
        }
        md.append("\n## Files\n\n")
            .append("- `results.csv`, `results.json`: every figure above, raw (ns, msg/s, B/msg)\n")
            .append("- `hgrm/`: HdrHistogram percentile distributions (values in µs), one per latency result ")
            .append("(and pass)\n")
            .append("- `*.png`: percentile plots (log percentile axis, log latency axis)\n")
            .append("- `jmh/`: JMH's own output of each throughput run\n");
        return md.toString();
    }

    static String machine()
    {
        return String.format(Locale.ROOT, "%d CPUs, %s %s (%s), %s %s",
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
            System.getProperty("java.version"), System.getProperty("java.vm.vendor"), System.getProperty("os.name"),
            System.getProperty("os.arch"));
    }

    private static String csv(final List<Result> results)
    {
        final StringBuilder csv = new StringBuilder(
            "scenario,subject,idle,ringbus,pass,status,count,p50_ns,p90_ns,p99_ns,p99_9_ns,p99_99_ns,max_ns," +
            "msgs_per_s,msgs_per_s_error,ns_per_msg,bytes_per_msg,note\n");
        for (final Result r : results)
        {
            csv.append(r.scenario()).append(',').append(r.subject()).append(',').append(r.idle()).append(',')
                .append(r.ringbus()).append(',').append(r.pass()).append(',');
            if (r instanceof Result.Latency l)
            {
                final Histogram h = l.histogram();
                csv.append("ok,").append(h.getTotalCount()).append(',').append(l.percentile(50)).append(',')
                    .append(l.percentile(90)).append(',').append(l.percentile(99)).append(',')
                    .append(l.percentile(99.9)).append(',').append(l.percentile(99.99)).append(',')
                    .append(h.getMaxValue()).append(",,,,,").append(quote(l.note()));
            }
            else if (r instanceof Result.Throughput t)
            {
                csv.append("ok,,,,,,,,").append(number(t.opsPerSec())).append(',').append(number(t.error()))
                    .append(',').append(number(t.nanosPerOp())).append(',').append(number(t.bytesPerOp())).append(',')
                    .append(quote(t.note()));
            }
            else
            {
                csv.append("failed,,,,,,,,,,,,").append(quote(((Result.Failed)r).reason()));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String json(final Run run, final List<Goals.Check> goals, final String started)
    {
        final BenchOptions o = run.options();
        final StringBuilder json = new StringBuilder("{\n");
        json.append("  \"started\": ").append(string(started)).append(",\n");
        json.append("  \"machine\": ").append(string(machine())).append(",\n");
        json.append("  \"jvm\": ").append(string(JvmInfo.describe())).append(",\n");
        json.append("  \"collector\": ").append(string(JvmInfo.collector())).append(",\n");
        json.append("  \"options\": {\"mode\": ").append(string(o.mode().name().toLowerCase(Locale.ROOT)))
            .append(", \"rate\": ").append(o.rate()).append(", \"warmupSeconds\": ").append(o.warmupSeconds())
            .append(", \"durationSeconds\": ").append(o.durationSeconds()).append(", \"size\": ").append(o.size())
            .append(", \"repeat\": ").append(o.repeat()).append("},\n");
        json.append("  \"results\": [\n");
        final List<Result> results = run.results();
        for (int i = 0; i < results.size(); i++)
        {
            final Result r = results.get(i);
            json.append("    {\"scenario\": ").append(string(r.scenario())).append(", \"subject\": ")
                .append(string(r.subject())).append(", \"idle\": ").append(string(r.idle()))
                .append(", \"ringbus\": ").append(r.ringbus()).append(", \"pass\": ").append(r.pass());
            if (r instanceof Result.Latency l)
            {
                json.append(", \"status\": \"ok\", \"unit\": \"ns\", \"count\": ").append(l.histogram().getTotalCount())
                    .append(", \"p50\": ").append(l.percentile(50)).append(", \"p90\": ").append(l.percentile(90))
                    .append(", \"p99\": ").append(l.percentile(99)).append(", \"p99_9\": ").append(l.percentile(99.9))
                    .append(", \"p99_99\": ").append(l.percentile(99.99)).append(", \"max\": ")
                    .append(l.histogram().getMaxValue()).append(", \"note\": ").append(string(l.note()));
            }
            else if (r instanceof Result.Throughput t)
            {
                json.append(", \"status\": \"ok\", \"msgsPerSecond\": ").append(jsonNumber(t.opsPerSec()))
                    .append(", \"error\": ").append(jsonNumber(t.error()))
                    .append(", \"nsPerMsg\": ").append(jsonNumber(t.nanosPerOp()))
                    .append(", \"bytesPerMsg\": ").append(jsonNumber(t.bytesPerOp()))
                    .append(", \"note\": ").append(string(t.note()));
            }
            else
            {
                json.append(", \"status\": \"failed\", \"reason\": ").append(string(((Result.Failed)r).reason()));
            }
            json.append(i + 1 < results.size() ? "},\n" : "}\n");
        }
        json.append("  ],\n  \"goals\": [\n");
        for (int i = 0; i < goals.size(); i++)
        {
            final Goals.Check g = goals.get(i);
            json.append("    {\"goal\": ").append(string(g.goal())).append(", \"figure\": ").append(string(g.figure()))
                .append(", \"unit\": ").append(string(g.unit()))
                .append(", \"min\": ").append(jsonNumber(g.spread().min()))
                .append(", \"median\": ").append(jsonNumber(g.spread().median()))
                .append(", \"max\": ").append(jsonNumber(g.spread().max()))
                .append(", \"passes\": ").append(g.spread().count())
                .append(", \"status\": ").append(string(g.status())).append(i + 1 < goals.size() ? "},\n" : "}\n");
        }
        json.append("  ]\n}\n");
        return json.toString();
    }

    private static String number(final double value)
    {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String jsonNumber(final double value)
    {
        return Double.isNaN(value) || Double.isInfinite(value) ? "null" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String quote(final String text)
    {
        return text.isEmpty() ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    static String string(final String text)
    {
        final StringBuilder out = new StringBuilder("\"");
        for (final char c : text.toCharArray())
        {
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
