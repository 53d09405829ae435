package io.ringbus.bench;

/**
 * A scenario of {@code BENCHMARKS.md} whose subjects do not exist yet: reported as "not yet measured" with
 * what it needs, never with a made-up figure. Replace it in {@link ScenarioRegistry} with the real scenario
 * when its subject lands.
 * <p>
 * <b>Note:</b> an immutable value.
 */
final class PendingScenario implements Scenario
{
    private final String id;
    private final String what;
    private final String needs;

    PendingScenario(final String id, final String what, final String needs)
    {
        this.id = id;
        this.what = what;
        this.needs = needs;
    }

    @Override
    public String id()
    {
        return id;
    }

    @Override
    public String what()
    {
        return what;
    }

    @Override
    public Result measure(final Run run, final Subject subject)
    {
        throw new UnsupportedOperationException(id + " is not measured yet: it needs " + needs);
    }

    @Override
    public String notYetMeasured()
    {
        return "not yet measured (needs " + needs + ")";
    }
}
