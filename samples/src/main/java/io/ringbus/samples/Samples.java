package io.ringbus.samples;

import io.ringbus.samples.bank.BankSample;
import io.ringbus.samples.feed.MarketDataFeed;
import io.ringbus.samples.ipc.IpcPrices;
import io.ringbus.samples.orders.OrderProcessing;
import io.ringbus.samples.pipeline.TradePipeline;
import io.ringbus.samples.quickstart.QuickStart;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one sample by its short name ({@code BankSample}) or its class name
 * ({@code io.ringbus.samples.bank.BankSample}); an unknown name lists the samples instead. What
 * {@code -Dsample=...} of the samples' {@code exec:exec} names.
 */
public final class Samples
{
    /** A sample's {@code main}. */
    @FunctionalInterface
    interface Main
    {
        void run(String[] args) throws Exception;
    }

    /** Exit status for an unknown name. */
    static final int UNKNOWN = 2;

    private static final Map<Class<?>, Main> ALL = new LinkedHashMap<>();

    static
    {
        ALL.put(QuickStart.class, QuickStart::main);
        ALL.put(OrderProcessing.class, OrderProcessing::main);
        ALL.put(TradePipeline.class, TradePipeline::main);
        ALL.put(MarketDataFeed.class, MarketDataFeed::main);
        ALL.put(BankSample.class, BankSample::main);
        ALL.put(IpcPrices.class, IpcPrices::main);
    }

    private Samples()
    {
    }

    /**
     * @param args the sample's name, then its own arguments.
     * @throws Exception what the sample threw.
     */
    public static void main(final String[] args) throws Exception
    {
        final String name = args.length == 0 ? "" : args[0];
        final Main sample = find(name);
        if (sample == null)
        {
            System.exit(refuse(name, System.err));
        }
        final String[] rest = new String[Math.max(0, args.length - 1)];
        System.arraycopy(args, Math.min(1, args.length), rest, 0, rest.length);
        sample.run(rest);
    }

    /**
     * @return the sample of that short or full class name (case aside), or {@code null}.
     */
    static Main find(final String name)
    {
        for (final Map.Entry<Class<?>, Main> e : ALL.entrySet())
        {
            final Class<?> c = e.getKey();
            if (c.getName().equals(name) || c.getSimpleName().toLowerCase(Locale.ROOT).equals(
                name.toLowerCase(Locale.ROOT)))
            {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * Say what is known, one line a sample, the last line naming the mistake.
     *
     * @return the exit status.
     */
    static int refuse(final String name, final PrintStream out)
    {
        out.println("Samples (run one with -Dsample=<name>):");
        for (final Class<?> c : ALL.keySet())
        {
            out.println("  " + c.getSimpleName() + "  (" + c.getName() + ")");
        }
        out.println("unknown sample '" + name + "': no sample was run; pick a name above, e.g. -Dsample=QuickStart");
        return UNKNOWN;
    }
}
