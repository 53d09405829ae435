package io.ringbus.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What one bench run does, read from {@code bench.*} system properties, each overridable by a
 * {@code key=value} program argument ({@code mode=full scenarios=rtt-inproc}).
 * <pre>
 * bench.mode       smoke | quick (default) | full
 * bench.scenarios  all (default) or a comma list of scenario ids
 * bench.subjects   all (default) or a comma list of subject ids (disruptor/busy-spin) or names (disruptor)
 * bench.rate       messages/s of the one-way fixed-rate scenario (default 50000)
 * bench.warmup     latency warm-up seconds (default per mode)
 * bench.duration   latency recording seconds (default per mode)
 * bench.size       message payload bytes (default 32)
 * bench.out        report root folder (default target/reports)
 * </pre>
 * <p>
 * <b>Note:</b> an immutable value.
 *
 * @param mode            the mode.
 * @param scenarios       scenario ids to run; empty for all.
 * @param subjects        subject ids or names to run; empty for all.
 * @param rate            one-way send rate in messages per second.
 * @param warmupSeconds   latency warm-up.
 * @param durationSeconds latency recording time.
 * @param size            payload bytes.
 * @param out             report root folder.
 */
public record BenchOptions(
    Mode mode,
    List<String> scenarios,
    List<String> subjects,
    int rate,
    double warmupSeconds,
    double durationSeconds,
    int size,
    Path out)
{
    /** Default one-way rate: one message every 20 µs, well within every subject's capacity. */
    public static final int RATE_DEFAULT = 50_000;
    /** Default payload size in bytes. */
    public static final int SIZE_DEFAULT = 32;

    /**
     * Checks the values.
     */
    public BenchOptions
    {
        scenarios = List.copyOf(scenarios);
        subjects = List.copyOf(subjects);
        require(rate >= 1 && rate <= 10_000_000, "bench.rate must be 1..10000000 messages/s: " + rate);
        require(warmupSeconds >= 0, "bench.warmup must be >= 0 seconds: " + warmupSeconds);
        require(durationSeconds > 0, "bench.duration must be > 0 seconds: " + durationSeconds);
        require(size >= 1 && size <= 1 << 20, "bench.size must be 1..1048576 bytes: " + size);
    }

    /**
     * Reads the options from system properties, then {@code key=value} arguments (without the {@code bench.}).
     *
     * @param args program arguments.
     * @return the options.
     * @throws IllegalArgumentException naming the bad option.
     */
    public static BenchOptions parse(final String... args)
    {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String key : List.of("mode", "scenarios", "subjects", "rate", "warmup", "duration", "size", "out"))
        {
            final String value = System.getProperty("bench." + key);
            if (value != null && !value.isBlank())
            {
                values.put(key, value.trim());
            }
        }
        for (final String arg : args)
        {
            if (arg.isBlank())
            {
                continue;
            }
            final String plain = arg.startsWith("--") ? arg.substring(2) : arg;
            final int eq = plain.indexOf('=');
            require(eq > 0, "arguments are key=value (mode, scenarios, subjects, rate, warmup, duration, size, out): " + arg);
            final String key = plain.substring(0, eq).replace("bench.", "");
            require(List.of("mode", "scenarios", "subjects", "rate", "warmup", "duration", "size", "out").contains(key),
                "unknown option '" + key + "'");
            values.put(key, plain.substring(eq + 1).trim());
        }
        final Mode mode = parse(values, "mode", v -> Mode.valueOf(v.toUpperCase(Locale.ROOT)), Mode.QUICK);
        return new BenchOptions(
            mode,
            list(values.get("scenarios")),
            list(values.get("subjects")),
            parse(values, "rate", Integer::parseInt, RATE_DEFAULT),
            parse(values, "warmup", Double::parseDouble, mode.warmupSeconds),
            parse(values, "duration", Double::parseDouble, mode.durationSeconds),
            parse(values, "size", Integer::parseInt, SIZE_DEFAULT),
            Path.of(values.getOrDefault("out", "target/reports")));
    }

    boolean wantsScenario(final String id)
    {
        return scenarios.isEmpty() || scenarios.contains(id);
    }

    boolean wantsSubject(final Subject subject)
    {
        return subjects.isEmpty() || subjects.contains(subject.id()) || subjects.contains(subject.name());
    }

    private static List<String> list(final String value)
    {
        if (value == null || value.equalsIgnoreCase("all"))
        {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static <T> T parse(
        final Map<String, String> values, final String key, final Function<String, T> parser, final T fallback)
    {
        final String value = values.get(key);
        if (value == null || value.equalsIgnoreCase("default"))
        {
            return fallback;
        }
        try
        {
            return parser.apply(value);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("bench." + key + " has a bad value: " + value, ex);
        }
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
