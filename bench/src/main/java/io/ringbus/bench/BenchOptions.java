package io.ringbus.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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
 * bench.repeat     passes over each scenario's subjects, interleaved (default per mode: 1, full 3)
 * bench.out        report root folder (default target/reports)
 * </pre>
 * Every option also takes {@code default}. A bad value is refused with a {@link BadOptionException} naming the
 * option and its valid values.
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
 * @param repeat          passes: each scenario runs each of its subjects once per pass, the passes one after another.
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
    int repeat,
    Path out)
{
    /** Default one-way rate: one message every 20 µs, well within every subject's capacity. */
    public static final int RATE_DEFAULT = 50_000;
    /** Default payload size in bytes. */
    public static final int SIZE_DEFAULT = 32;
    /** The most passes a run may make. */
    public static final int REPEAT_MAX = 20;

    /** Every option (without {@code bench.}) and its valid values, in the order of the help. */
    static final Map<String, String> VALID = valid();

    /**
     * A bad option: its message names the option and its valid values.
     * <p>
     * <b>Note:</b> not shared between threads.
     */
    public static final class BadOptionException extends IllegalArgumentException
    {
        private static final long serialVersionUID = 1L;

        BadOptionException(final String message)
        {
            super(message);
        }

        BadOptionException(final String message, final Throwable cause)
        {
            super(message, cause);
        }
    }

    /**
     * Checks the values.
     *
     * @throws BadOptionException naming the option and its valid values.
     */
    public BenchOptions
    {
        scenarios = List.copyOf(scenarios);
        subjects = List.copyOf(subjects);
        require(rate >= 1 && rate <= 10_000_000, "rate", rate);
        require(warmupSeconds >= 0, "warmup", warmupSeconds);
        require(durationSeconds > 0, "duration", durationSeconds);
        require(size >= 1 && size <= 1 << 20, "size", size);
        require(repeat >= 1 && repeat <= REPEAT_MAX, "repeat", repeat);
    }

    /**
     * Reads the options from system properties, then {@code key=value} arguments (without the {@code bench.}).
     *
     * @param args program arguments.
     * @return the options.
     * @throws BadOptionException naming the bad option and its valid values.
     */
    public static BenchOptions parse(final String... args)
    {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String key : VALID.keySet())
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
            if (eq <= 0)
            {
                throw new BadOptionException("arguments are key=value, not '" + arg + "'; " + help());
            }
            final String key = plain.substring(0, eq).replace("bench.", "");
            if (!VALID.containsKey(key))
            {
                throw new BadOptionException("unknown option '" + key + "'; " + help());
            }
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
            parse(values, "repeat", Integer::parseInt, mode.repeat),
            parse(values, "out", Path::of, Path.of("target/reports")));
    }

    /**
     * Every option with its valid values, on one line.
     *
     * @return e.g. {@code the options are bench.mode=smoke|quick|full, ...}.
     */
    static String help()
    {
        return "the options are " + VALID.entrySet().stream()
            .map(e -> "bench." + e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", ")) + " (each also takes 'default')";
    }

    /**
     * The message for a bad value of one option.
     *
     * @param key   the option without {@code bench.}.
     * @param value what was given.
     * @return "bench.key=value is not valid; valid: ...".
     */
    static String invalid(final String key, final Object value)
    {
        return "bench." + key + "=" + value + " is not valid; valid: " + VALID.get(key) + " (or default)";
    }

    boolean wantsScenario(final String id)
    {
        return scenarios.isEmpty() || scenarios.contains(id);
    }

    boolean wantsSubject(final Subject subject)
    {
        return subjects.isEmpty() || subjects.contains(subject.id()) || subjects.contains(subject.name());
    }

    private static Map<String, String> valid()
    {
        final Map<String, String> valid = new LinkedHashMap<>();
        valid.put("mode", Arrays.stream(Mode.values()).map(m -> m.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining("|")));
        valid.put("scenarios", "all|<comma list of scenario ids>");
        valid.put("subjects", "all|<comma list of subject ids (disruptor/busy-spin) or names (disruptor)>");
        valid.put("rate", "1..10000000 (messages/s)");
        valid.put("warmup", "<seconds, at least 0>");
        valid.put("duration", "<seconds, more than 0>");
        valid.put("size", "1..1048576 (payload bytes)");
        valid.put("repeat", "1.." + REPEAT_MAX + " (passes)");
        valid.put("out", "<report root folder>");
        return Collections.unmodifiableMap(valid);
    }

    private static List<String> list(final String value)
    {
        if (value == null || value.equalsIgnoreCase("all") || value.equalsIgnoreCase("default"))
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
            throw new BadOptionException(invalid(key, value), ex);
        }
    }

    private static void require(final boolean condition, final String key, final Object value)
    {
        if (!condition)
        {
            throw new BadOptionException(invalid(key, value));
        }
    }
}
