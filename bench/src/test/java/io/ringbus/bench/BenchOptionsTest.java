package io.ringbus.bench;

import org.junit.jupiter.api.Test;

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
        assertEquals(Path.of("target/reports"), options.out());
    }

    @Test
    void argumentsChooseModeScenariosSubjectsAndSizes()
    {
        final BenchOptions options = BenchOptions.parse(
            "mode=full", "--scenarios=rtt-inproc,tput-1p1c", "subjects=disruptor, ringbus-topic/busy-spin",
            "rate=1000", "warmup=0", "duration=2.5", "size=64", "out=/tmp/x", "");
        assertEquals(Mode.FULL, options.mode());
        assertEquals(List.of("rtt-inproc", "tput-1p1c"), options.scenarios());
        assertEquals(List.of("disruptor", "ringbus-topic/busy-spin"), options.subjects());
        assertEquals(1000, options.rate());
        assertEquals(0.0, options.warmupSeconds());
        assertEquals(2.5, options.durationSeconds());
        assertEquals(64, options.size());
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
    void badOptionsAreRefusedByName()
    {
        assertMessage("bench.mode", "mode=fast");
        assertMessage("bench.rate", "rate=lots");
        assertMessage("bench.rate", "rate=0");
        assertMessage("bench.size", "size=0");
        assertMessage("bench.duration", "duration=0");
        assertMessage("unknown option 'speed'", "speed=1");
        assertMessage("key=value", "quick");
    }

    @Test
    void unknownScenarioOrSubjectIsRefusedBeforeAnythingRuns()
    {
        final IllegalArgumentException scenario = assertThrows(IllegalArgumentException.class,
            () -> BenchMain.run(BenchOptions.parse("scenarios=rtt-moon", "out=target/never"), System.out));
        assertTrue(scenario.getMessage().contains("unknown scenario 'rtt-moon'"), scenario.getMessage());
        final IllegalArgumentException subject = assertThrows(IllegalArgumentException.class,
            () -> BenchMain.run(BenchOptions.parse("subjects=kafka", "out=target/never"), System.out));
        assertTrue(subject.getMessage().contains("unknown subject 'kafka'"), subject.getMessage());
    }

    private static void assertMessage(final String expected, final String arg)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(arg));
        assertTrue(ex.getMessage().contains(expected), () -> ex.getMessage() + " should name " + expected);
    }
}
