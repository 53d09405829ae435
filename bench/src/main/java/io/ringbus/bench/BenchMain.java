package io.ringbus.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The bench's command: runs the chosen scenarios over the chosen subjects one after another, prints a
 * progress line per measurement, writes the report folder and prints its summary (goals, tables, ratios).
 * Options are {@code bench.*} system properties or {@code key=value} arguments: see {@link BenchOptions}.
 * <p>
 * <b>Note:</b> the JVM needs {@value #JVM_EXPORTS} (Agrona) and runs headless for the plots; the Maven
 * {@code exec:exec} of this module sets both.
 */
public final class BenchMain
{
    /** The flag every JVM loading Agrona needs, passed on to JMH forks. */
    public static final String JVM_EXPORTS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private BenchMain()
    {
    }

    /**
     * Runs the bench and exits: 0 when every subject was measured, 1 when some failed (the report says which),
     * 2 for bad options.
     *
     * @param args {@code key=value} options overriding the {@code bench.*} system properties.
     */
    public static void main(final String[] args)
    {
        System.setProperty("java.awt.headless", "true");
        int status;
        try
        {
            final Outcome outcome = run(BenchOptions.parse(args), System.out);
            status = outcome.failures() == 0 ? 0 : 1;
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("bench: " + ex.getMessage());
            status = 2;
        }
        catch (final Exception ex)
        {
            System.err.println("bench: failed: " + ex);
            ex.printStackTrace();
            status = 1;
        }
        // Peers' pools (Vert.x, executors) are closed by their sessions; exit rather than wait on a stray one.
        System.exit(status);
    }

    /**
     * What a run produced.
     *
     * @param folder   the report folder.
     * @param failures how many subjects could not be measured.
     */
    public record Outcome(Path folder, int failures)
    {
    }

    /**
     * Runs the bench.
     *
     * @param options what to run.
     * @param out     where progress and the summary go.
     * @return the report folder and the failure count.
     * @throws Exception when the report cannot be written.
     */
    public static Outcome run(final BenchOptions options, final PrintStream out) throws Exception
    {
        final List<Scenario> scenarios = selectScenarios(options);
        final List<Step> steps = plan(options, scenarios);
        final LocalDateTime now = LocalDateTime.now();
        Path folder = options.out().resolve(FOLDER.format(now));
        for (int i = 2; Files.exists(folder); i++)
        {
            folder = options.out().resolve(FOLDER.format(now) + "-" + i);
        }
        Files.createDirectories(folder);
        final Run run = new Run(options, folder, out, steps.size());
        run.say("Ringbus bench, " + options.mode().name().toLowerCase(Locale.ROOT) + " mode: " + steps.size() +
            " measurements, one after another (" + Report.machine() + ")");
        run.say("report folder: " + folder.toAbsolutePath());
        for (final Step step : steps)
        {
            run.starting(step.scenario(), step.subject());
            Result result;
            try
            {
                result = step.scenario().measure(run, step.subject());
            }
            catch (final Exception | LinkageError ex)
            {
                final Throwable cause = ex.getCause() != null && ex.getMessage() == null ? ex.getCause() : ex;
                result = new Result.Failed(step.scenario().id(), step.subject().id(), step.subject().idle(),
                    step.subject().ringbus(), String.valueOf(cause).replace('\n', ' '));
            }
            run.finished(result);
        }
        final String summary = Report.write(run, scenarios, now.toString());
        run.say("");
        run.say(summary);
        run.say("report: " + folder.toAbsolutePath() + " (also " + folder.resolveSibling("latest").toAbsolutePath() + ")");
        final int failures = (int)run.results().stream().filter(r -> r instanceof Result.Failed).count();
        return new Outcome(folder, failures);
    }

    private record Step(Scenario scenario, Subject subject)
    {
    }

    private static List<Scenario> selectScenarios(final BenchOptions options)
    {
        final Set<String> known = new LinkedHashSet<>();
        final List<Scenario> chosen = new ArrayList<>();
        for (final Scenario scenario : ScenarioRegistry.all())
        {
            known.add(scenario.id());
            if (options.wantsScenario(scenario.id()))
            {
                chosen.add(scenario);
            }
        }
        for (final String id : options.scenarios())
        {
            if (!known.contains(id))
            {
                throw new IllegalArgumentException("unknown scenario '" + id + "'; known: " + known);
            }
        }
        return chosen;
    }

    private static List<Step> plan(final BenchOptions options, final List<Scenario> scenarios)
    {
        final Set<String> names = new LinkedHashSet<>();
        for (final SubjectRegistry.Entry entry : SubjectRegistry.entries())
        {
            names.add(entry.subject().id());
            names.add(entry.subject().name());
        }
        for (final String subject : options.subjects())
        {
            if (!names.contains(subject))
            {
                throw new IllegalArgumentException("unknown subject '" + subject + "'; known: " + SubjectRegistry.ids());
            }
        }
        final List<Step> steps = new ArrayList<>();
        for (final Scenario scenario : scenarios)
        {
            if (!scenario.notYetMeasured().isEmpty())
            {
                continue;
            }
            for (final SubjectRegistry.Entry entry : SubjectRegistry.entries())
            {
                if (entry.scenarios().contains(scenario.id()) && options.wantsSubject(entry.subject()))
                {
                    steps.add(new Step(scenario, entry.subject()));
                }
            }
        }
        return steps;
    }

    /** A subject id as part of a file name: {@code disruptor/busy-spin} becomes {@code disruptor-busy-spin}. */
    static String fileName(final String id)
    {
        return id.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
