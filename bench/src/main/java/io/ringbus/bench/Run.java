package io.ringbus.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One bench run: its options, the folder it writes into, the results so far (each numbered with its pass), and the
 * progress lines it prints.
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
    private int pass = 1;

    /**
     * @param folder where the run writes (the report's partial folder until it is published).
     */
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

    /**
     * @return the folder the run writes into (JMH logs, scratch data, the report).
     */
    Path folder()
    {
        return folder;
    }

    List<Result> results()
    {
        return results;
    }

    /**
     * @return the pass being measured, from 1.
     */
    int pass()
    {
        return pass;
    }

    /**
     * @return {@code _pass2} and so on when the run makes several passes (for file names), else empty.
     */
    String passSuffix()
    {
        return options.repeat() > 1 ? "_pass" + pass : "";
    }

    double elapsedSeconds()
    {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    void starting(final Scenario scenario, final Subject subject, final int pass)
    {
        step++;
        this.pass = pass;
        final String passes = options.repeat() > 1 ? String.format(Locale.ROOT, " %d/%d", pass, options.repeat()) : "";
        out.printf(Locale.ROOT, "[%2d/%d %5.1fs] %-13s%s %-30s ", step, steps, elapsedSeconds(), scenario.id(), passes,
            subject.id());
        out.flush();
    }

    /** Records a result of the current pass and prints it. */
    void finished(final Result result)
    {
        results.add(result.inPass(pass));
        out.println(Tables.oneLine(result));
        out.flush();
    }

    void say(final String line)
    {
        out.println(line);
        out.flush();
    }
}
