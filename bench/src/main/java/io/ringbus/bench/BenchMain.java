package io.ringbus.bench;

import java.io.PrintStream;
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

    /** The exit status for a bad option. */
    public static final int BAD_OPTION = 2;

    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private BenchMain()
    {
    }

    /**
     * Runs the bench and exits: 0 when every subject was measured, 1 when some failed (the report says which),
     * {@value #BAD_OPTION} for a bad option (one line naming it and its valid values, on standard error).
     *
     * @param args {@code key=value} options overriding the {@code bench.*} system properties.
     */
    public static void main(final String[] args)
    {
        System.setProperty("java.awt.headless", "true");
        final String sample = System.getProperty("bench.sampleAsked", "");
        if (!sample.isBlank())
        {
            // `package exec:exec -Dsample=X` without `-pl samples -am` reaches this module too: step aside at once
            // rather than run minutes of benchmarks before the sample.
            System.err.println("bench: skipped: -Dsample=" + sample + " asks for a sample, not the bench (to run " +
                "only the sample: mvn -B -q -DskipTests -pl samples -am package exec:exec -Dsample=" + sample + ")");
            System.exit(BAD_OPTION);
        }
        int status;
        try
        {
            final Outcome outcome = run(BenchOptions.parse(args), System.out);
            status = outcome.failures() == 0 ? 0 : 1;
        }
        catch (final BenchOptions.BadOptionException ex)
        {
            // Nothing has run and nothing follows: this line is the last the user sees (the pom tells Maven that
            // this exit status needs no failure report of its own).
            System.out.flush();
            System.err.println("bench: " + ex.getMessage());
            status = BAD_OPTION;
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
        final ReportFolder report = ReportFolder.create(options.out(), FOLDER.format(now));
        try
        {
            final Run run = new Run(options, report.writing(), out, steps.size());
            run.say("Ringbus bench, " + options.mode().name().toLowerCase(Locale.ROOT) + " mode: " + steps.size() +
                " measurements, one after another" + (options.repeat() > 1 ? ", in " + options.repeat() +
                " interleaved passes" : "") + " (" + Report.machine() + ")");
            run.say(JvmInfo.describe());
            run.say("report folder: " + report.target().toAbsolutePath() + " (written when the run ends)");
            for (final Step step : steps)
            {
                run.starting(step.scenario(), step.subject(), step.pass());
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
            final Path folder = report.publish();
            run.say("");
            run.say(summary);
            run.say("report: " + folder.toAbsolutePath() + " (also " + report.latest().toAbsolutePath() + ")");
            final int failures = (int)run.results().stream().filter(r -> r instanceof Result.Failed).count();
            return new Outcome(folder, failures);
        }
        finally
        {
            // A run that did not get to publish leaves nothing behind.
            report.discard();
        }
    }

    /** One measurement: a subject of a scenario in one pass. */
    private record Step(Scenario scenario, Subject subject, int pass)
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
                throw new BenchOptions.BadOptionException("bench.scenarios: unknown scenario '" + id + "'; valid: " +
                    "all or a comma list of " + String.join(", ", known));
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
                throw new BenchOptions.BadOptionException("bench.subjects: unknown subject '" + subject + "'; valid: " +
                    "all or a comma list of ids (or of the names before the '/'): " +
                    String.join(", ", SubjectRegistry.ids()));
            }
        }
        // Each scenario runs all its subjects once per pass, pass after pass (A B A B): every ratio compares two
        // figures of the same pass, measured minutes apart at most.
        final List<Step> steps = new ArrayList<>();
        for (final Scenario scenario : scenarios)
        {
            if (!scenario.notYetMeasured().isEmpty())
            {
                continue;
            }
            for (int pass = 1; pass <= options.repeat(); pass++)
            {
                for (final SubjectRegistry.Entry entry : SubjectRegistry.entries())
                {
                    if (entry.scenarios().contains(scenario.id()) && options.wantsSubject(entry.subject()))
                    {
                        steps.add(new Step(scenario, entry.subject(), pass));
                    }
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
