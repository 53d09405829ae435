package io.ringbus.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * The JVM a run measures on, for the report's header and the first lines of the terminal: object paths are
 * sensitive to the garbage collector (BENCHMARKS.md 10), so every report names it. JMH forks and the IPC child
 * JVMs inherit the bench JVM's options, so they run the same collector.
 * <p>
 * <b>Note:</b> stateless; thread-safe.
 */
final class JvmInfo
{
    private JvmInfo()
    {
    }

    /**
     * The collector in use, read from the garbage collector MXBeans' names.
     *
     * @return e.g. {@code G1 (G1 Young Generation, G1 Old Generation)}.
     */
    static String collector()
    {
        final List<String> beans = ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .toList();
        return collector(beans) + (beans.isEmpty() ? "" : " (" + String.join(", ", beans) + ")");
    }

    /**
     * The collector's common name from its MXBeans' names.
     *
     * @param beans the names of the garbage collector MXBeans.
     * @return G1, Parallel, Serial, ZGC, Shenandoah, Epsilon (none), or the names themselves.
     */
    static String collector(final List<String> beans)
    {
        if (beans.isEmpty())
        {
            return "Epsilon (no collection)";
        }
        if (beans.stream().anyMatch(n -> n.startsWith("G1 ")))
        {
            return "G1";
        }
        if (beans.stream().anyMatch(n -> n.startsWith("PS ")))
        {
            return "Parallel";
        }
        if (beans.stream().anyMatch(n -> n.startsWith("ZGC")))
        {
            return "ZGC";
        }
        if (beans.stream().anyMatch(n -> n.startsWith("Shenandoah")))
        {
            return "Shenandoah";
        }
        if (beans.contains("Copy") || beans.contains("MarkSweepCompact"))
        {
            return "Serial";
        }
        return String.join(" + ", beans);
    }

    /**
     * The JVM's version, collector, heap limit and the flags that choose a collector.
     *
     * @return one line.
     */
    static String describe()
    {
        final List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-XX:+Use") && a.endsWith("GC") || a.startsWith("-Xmx") || a.startsWith("-Xms"))
            .toList();
        return String.format(Locale.ROOT, "Java %s (%s, %s); garbage collector: %s; max heap %d MB%s",
            System.getProperty("java.version"), System.getProperty("java.vm.name"),
            System.getProperty("java.vm.vendor"),
            collector(), Runtime.getRuntime().maxMemory() >> 20,
            flags.isEmpty() ? "" : "; JVM flags " + String.join(" ", flags));
    }
}
