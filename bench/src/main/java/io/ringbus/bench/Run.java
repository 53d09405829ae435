package io.ringbus.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One bench run: its options, its report folder, the results so far, and the progress lines it prints.
 * <p>
 * <b>Note:</b> used by the bench's main thread only.
 */
final class Run
{
    private final BenchOptions options;
    private final Path folder;
    private final PrintStream out;
    private final List<Result> results = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private final int steps;
    private int step;

    Run(final BenchOptions options, final Path folder, final PrintStream out, final int steps)
    {
        this.options = options;
        this.folder = folder;
        this.out = out;
        this.steps = steps;
    }

    BenchOptions options()
    {
        return options;
    }

    Path folder()
    {
        return folder;
    }

    List<Result> results()
    {
        return results;
    }

    double elapsedSeconds()
    {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    void starting(final Scenario scenario, final Subject subject)
    {
        step++;
        out.printf(Locale.ROOT, "[%2d/%d %5.1fs] %-13s %-27s ", step, steps, elapsedSeconds(), scenario.id(), subject.id());
        out.flush();
    }

    void finished(final Result result)
    {
        results.add(result);
        out.println(Tables.oneLine(result));
        out.flush();
    }

    void say(final String line)
    {
        out.println(line);
        out.flush();
    }
}
