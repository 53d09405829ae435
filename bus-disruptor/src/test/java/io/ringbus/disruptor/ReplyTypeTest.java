package io.ringbus.disruptor;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;
import io.ringbus.api.Registration;
import io.ringbus.api.annotation.Respond;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a responder's reply type is known (a typed responder, an annotated {@code @Respond} method), a request
 * expecting a type its replies can never have is refused at the call, naming both types.
 */
class ReplyTypeTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    record OrderStatus(String id, String state)
    {
    }

    static final class StatusDesk
    {
        @Respond(address = "order.status")
        OrderStatus status(final String id)
        {
            return new OrderStatus(id, "filled");
        }
    }

    @Test
    void anAnnotatedRespondersReplyTypeIsCheckedAtTheRequest() throws Exception
    {
        try (Bus bus = Ringbus.create())
        {
            bus.register(new StatusDesk());
            final IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> bus.request("order.status", "o-1", String.class, TIMEOUT));
            assertTrue(wrong.getMessage().contains(String.class.getName()) &&
                wrong.getMessage().contains(OrderStatus.class.getName()), wrong.getMessage());
            assertEquals(new OrderStatus("o-1", "filled"),
                bus.request("order.status", "o-1", OrderStatus.class, TIMEOUT).get(30, TimeUnit.SECONDS));
            assertEquals(new OrderStatus("o-2", "filled"),
                bus.request("order.status", "o-2", Object.class, TIMEOUT).get(30, TimeUnit.SECONDS), "a supertype");
        }
    }

    @Test
    void typedRespondersAgreeOnTheirReplyTypeAndAnUntypedOneTurnsTheCheckOff() throws Exception
    {
        try (Bus bus = Ringbus.create())
        {
            final Registration typed = bus.respond("len", String.class, Integer.class, String::length);
            assertThrows(IllegalArgumentException.class, () -> bus.request("len", "abc", Long.class, TIMEOUT));
            assertThrows(IllegalArgumentException.class,
                () -> bus.respond("len", String.class, Long.class, s -> (long)s.length()));
            bus.respond("len", String.class, s -> s.length()); // replies of any type from now on
            assertEquals(3, bus.request("len", "abc", Integer.class, TIMEOUT).get(30, TimeUnit.SECONDS));
            bus.request("len", "abc", Long.class, TIMEOUT); // not refused at the call any more
            typed.close();
        }
    }
}
