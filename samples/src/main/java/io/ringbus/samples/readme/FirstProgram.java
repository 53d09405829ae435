package io.ringbus.samples.readme;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;
import io.ringbus.api.Topic;
import io.ringbus.api.annotation.Subscribe;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

public final class FirstProgram
{
    public record Price(String pair, double value)
    {
    }

    public static final class Chart
    {
        final CountDownLatch seen = new CountDownLatch(2);

        @Subscribe(topic = "prices.eurusd")
        public void on(final Price p)
        {
            System.out.println("chart " + p);
            seen.countDown();
        }
    }

    public static void main(final String[] args) throws InterruptedException
    {
        try (Bus bus = Ringbus.create())
        {
            final Topic<Price> prices = bus.topic("prices.eurusd", Price.class);
            final Chart chart = new Chart();
            bus.register(chart);                                   // wires @Subscribe methods
            prices.publish(new Price("EURUSD", 1.0842));
            prices.publish(new Price("EURUSD", 1.0843));
            chart.seen.await(5, TimeUnit.SECONDS);
        }                                                          // close: delivers what was accepted
    }
}
