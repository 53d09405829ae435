package io.ringbus.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchOptionsTest
{
    @Test
    void defaultsAreTheQuickMode()
    {
        final BenchOptions options = BenchOptions.parse();
        assertEquals(Mode.QUICK, options.mode());
        assertEquals(List.of(), options.scenarios());
        assertEquals(BenchOptions.RATE_DEFAULT, options.rate());
        assertEquals(Mode.QUICK.durationSeconds, options.durationSeconds());
        assertEquals(1, options.repeat(), "quick mode makes one pass");
        assertEquals(Path.of("target/reports"), options.out());
        assertEquals(3, BenchOptions.parse("mode=full").repeat(), "full mode makes three interleaved passes");
        assertEquals(1, BenchOptions.parse("mode=smoke").repeat());
    }

    @Test
    void repeatSetsThePasses()
    {
        assertEquals(3, BenchOptions.parse("repeat=3").repeat());
        assertEquals(1, BenchOptions.parse("mode=full", "repeat=1").repeat(), "the option overrides the mode");
        assertEquals(3, BenchOptions.parse("mode=full", "repeat=default").repeat());
    }

    @Test
    void argumentsChooseModeScenariosSubjectsAndSizes()
    {
        final BenchOptions options = BenchOptions.parse(
            "mode=full", "--scenarios=rtt-inproc,tput-1p1c", "subjects=disruptor, ringbus-topic/busy-spin",
            "rate=1000", "warmup=0", "duration=2.5", "size=64", "bench.repeat=5", "out=/tmp/x", "");
        assertEquals(Mode.FULL, options.mode());
        assertEquals(List.of("rtt-inproc", "tput-1p1c"), options.scenarios());
        assertEquals(List.of("disruptor", "ringbus-topic/busy-spin"), options.subjects());
        assertEquals(1000, options.rate());
        assertEquals(0.0, options.warmupSeconds());
        assertEquals(2.5, options.durationSeconds());
        assertEquals(64, options.size());
        assertEquals(5, options.repeat());
        assertTrue(options.wantsSubject(SubjectRegistry.byId("disruptor/yielding")), "a name picks every strategy");
        assertTrue(!options.wantsSubject(SubjectRegistry.byId("abq/blocking")));
    }

    @Test
    void defaultAndAllMeanTheDefault()
    {
        final BenchOptions options = BenchOptions.parse("mode=smoke", "rate=default", "scenarios=all", "duration=default");
        assertEquals(BenchOptions.RATE_DEFAULT, options.rate());
        assertEquals(List.of(), options.scenarios());
        assertEquals(Mode.SMOKE.durationSeconds, options.durationSeconds());
    }

    @Test
    void badOptionsAreRefusedByNameWithTheirValidValues()
    {
        assertMessage("bench.mode=fast is not valid; valid: smoke|quick|full", "mode=fast");
        assertMessage("bench.rate=lots is not valid; valid: 1..10000000", "rate=lots");
        assertMessage("bench.rate=0 is not valid; valid: 1..10000000", "rate=0");
        assertMessage("bench.size=0 is not valid; valid: 1..1048576", "size=0");
        assertMessage("bench.duration=0.0 is not valid; valid: <seconds, more than 0>", "duration=0");
        assertMessage("bench.warmup=-1.0 is not valid; valid: <seconds, at least 0>", "warmup=-1");
        assertMessage("bench.repeat=0 is not valid; valid: 1..20 (passes)", "repeat=0");
        assertMessage("bench.repeat=21 is not valid; valid: 1..20 (passes)", "repeat=21");
        assertMessage("bench.repeat=three is not valid; valid: 1..20 (passes)", "repeat=three");
    }

    @Test
    void anUnknownOrMalformedOptionListsEveryOptionWithItsValidValues()
    {
        for (final String arg : List.of("speed=1", "quick"))
        {
            final BenchOptions.BadOptionException ex =
                assertThrows(BenchOptions.BadOptionException.class, () -> BenchOptions.parse(arg));
            for (final var option : BenchOptions.VALID.entrySet())
            {
                assertTrue(ex.getMessage().contains("bench." + option.getKey() + "=" + option.getValue()),
                    () -> ex.getMessage() + " should list bench." + option.getKey());
            }
            assertEquals(1, ex.getMessage().lines().count(), "one line");
        }
        assertMessage("unknown option 'speed'", "speed=1");
        assertMessage("key=value", "quick");
    }

    @Test
    void unknownScenarioOrSubjectIsRefusedBeforeAnythingRuns()
    {
        final IllegalArgumentException scenario = assertThrows(BenchOptions.BadOptionException.class,
            () -> BenchMain.run(BenchOptions.parse("scenarios=rtt-moon", "out=target/never"), System.out));
        assertTrue(scenario.getMessage().contains("bench.scenarios: unknown scenario 'rtt-moon'"),
            scenario.getMessage());
        assertTrue(scenario.getMessage().contains("tput-topics"), "lists the valid ones: " + scenario.getMessage());
        final IllegalArgumentException subject = assertThrows(BenchOptions.BadOptionException.class,
            () -> BenchMain.run(BenchOptions.parse("subjects=kafka", "out=target/never"), System.out));
        assertTrue(subject.getMessage().contains("bench.subjects: unknown subject 'kafka'"), subject.getMessage());
        assertTrue(subject.getMessage().contains("disruptor-prealloc/busy-spin"), subject.getMessage());
        assertTrue(Files.notExists(Path.of("target/never")), "nothing was written");
    }

    private static void assertMessage(final String expected, final String arg)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(arg));
        assertTrue(ex.getMessage().contains(expected), () -> ex.getMessage() + " should name " + expected);
    }
}
