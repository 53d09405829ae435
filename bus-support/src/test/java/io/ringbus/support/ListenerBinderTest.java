package io.ringbus.support;

import io.ringbus.api.annotation.Consume;
import io.ringbus.api.annotation.Respond;
import io.ringbus.api.annotation.Subscribe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListenerBinderTest
{
    private static final String FIXTURE = ListenerBinderTest.class.getName() + "$";

    @TempDir
    static Path pluginDir;

    private static ClassLoader pluginLoader;

    // ---------------------------------------------------------------------------------------------------------
    // Each kind, bound and called
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void subscribeWithoutTopicIsTypeAddressedAndCallsTheMethodWithTheEvent() throws Exception
    {
        final Audit audit = new Audit();
        final BoundMethod bound = only(ListenerBinder.bind(audit));

        assertEquals(BoundMethod.Kind.SUBSCRIBE_TYPE, bound.kind());
        assertNull(bound.name());
        assertEquals(String.class, bound.parameterType());
        assertEquals(void.class, bound.returnType());
        assertFalse(bound.dedicatedThread());
        assertNull(bound.responder());
        assertEquals(FIXTURE + "Audit#on(java.lang.String)", bound.description());

        final String event = new String("placed");
        bound.handler().onEvent(event);
        assertEquals(1, audit.seen.size());
        assertSame(event, audit.seen.get(0));
        assertTrue(bound.handler().getClass().isHidden(), "bound by LambdaMetafactory, not a fallback");
    }

    @Test
    void subscribeWithTopicCarriesThePattern() throws Exception
    {
        final TopicListener listener = new TopicListener();
        final BoundMethod bound = only(ListenerBinder.bind(listener));

        assertEquals(BoundMethod.Kind.SUBSCRIBE_TOPIC, bound.kind());
        assertEquals("orders.*", bound.name());
        assertEquals(Object.class, bound.parameterType());
        bound.handler().onEvent(42L);
        assertEquals(List.of(42L), listener.seen);
    }

    @Test
    void consumeCarriesTheQueueAndCallsTheMethod() throws Exception
    {
        final PaymentConsumer consumer = new PaymentConsumer();
        final BoundMethod bound = only(ListenerBinder.bind(consumer));

        assertEquals(BoundMethod.Kind.CONSUME, bound.kind());
        assertEquals("payments", bound.name());
        assertEquals(Payment.class, bound.parameterType());
        assertEquals(void.class, bound.returnType());
        assertNull(bound.responder());

        final Payment payment = new Payment(10);
        bound.handler().onEvent(payment);
        assertEquals(List.of(payment), consumer.seen);
    }

    @Test
    void respondReturnsTheMethodsValue() throws Exception
    {
        final BoundMethod bound = only(ListenerBinder.bind(new StatusResponder()));

        assertEquals(BoundMethod.Kind.RESPOND, bound.kind());
        assertEquals("order.status", bound.name());
        assertEquals(String.class, bound.parameterType());
        assertEquals(CharSequence.class, bound.returnType());
        assertFalse(bound.dedicatedThread());
        assertNull(bound.handler());
        assertNotNull(bound.responder());
        assertEquals(FIXTURE + "StatusResponder#status(java.lang.String)", bound.description());

        assertEquals("status of 7", bound.responder().respond("7"));
        assertTrue(bound.responder().getClass().isHidden(), "bound by LambdaMetafactory, not a fallback");
    }

    @Test
    void dedicatedThreadIsCarriedFromSubscribeAndConsume()
    {
        final List<BoundMethod> bound = ListenerBinder.bind(new ThreadChoices());

        assertEquals(4, bound.size());
        assertTrue(method(bound, "dedicatedSubscribe").dedicatedThread());
        assertFalse(method(bound, "sharedSubscribe").dedicatedThread());
        assertTrue(method(bound, "dedicatedConsume").dedicatedThread());
        assertFalse(method(bound, "sharedConsume").dedicatedThread());
    }

    @Test
    void primitiveParametersAndRepliesAreBoxed() throws Exception
    {
        final Primitives listener = new Primitives();
        final List<BoundMethod> bound = ListenerBinder.bind(listener);
        final BoundMethod on = method(bound, "on");
        final BoundMethod twice = method(bound, "twice");

        assertEquals(Integer.class, on.parameterType());
        assertEquals(FIXTURE + "Primitives#on(int)", on.description());
        on.handler().onEvent(7);
        assertEquals(List.of(7), listener.seen);

        assertEquals(Long.class, twice.parameterType());
        assertEquals(Double.class, twice.returnType());
        assertEquals(42.0, twice.responder().respond(21L));
    }

    @Test
    void privateMethodsAreBound() throws Exception
    {
        final PrivateListener listener = new PrivateListener();
        final List<BoundMethod> bound = ListenerBinder.bind(listener);

        method(bound, "on").handler().onEvent("secret");
        assertEquals(List.of("secret"), listener.seen);
        assertEquals(3, method(bound, "length").responder().respond("abc"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Inheritance
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void annotatedSuperclassMethodIsInherited() throws Exception
    {
        final InheritsOnly listener = new InheritsOnly();
        final BoundMethod bound = only(ListenerBinder.bind(listener));

        assertEquals(FIXTURE + "AuditBase#onBase(java.lang.String)", bound.description());
        bound.handler().onEvent("inherited");
        assertEquals(List.of("inherited"), listener.baseSeen);
    }

    @Test
    void annotationsOnInterfaceMethodsCountForTheClassThatImplementsThem() throws Exception
    {
        final ImplementsInterface listener = new ImplementsInterface();
        final List<BoundMethod> bound = ListenerBinder.bind(listener);

        assertEquals(2, bound.size());
        final BoundMethod abstractOne = method(bound, "on");
        assertEquals(BoundMethod.Kind.SUBSCRIBE_TOPIC, abstractOne.kind());
        assertEquals("prices", abstractOne.name());
        assertEquals(FIXTURE + "ImplementsInterface#on(java.lang.String)", abstractOne.description());
        abstractOne.handler().onEvent("from the class");

        final BoundMethod defaultOne = method(bound, "job");
        assertEquals(BoundMethod.Kind.CONSUME, defaultOne.kind());
        assertEquals("jobs", defaultOne.name());
        assertEquals(FIXTURE + "AnnotatedInterface#job(java.lang.Integer)", defaultOne.description());
        defaultOne.handler().onEvent(5);

        assertEquals(List.of("from the class", "default 5"), listener.seen);
    }

    @Test
    void overriddenMethodIsBoundOnceAndTheOverrideRuns() throws Exception
    {
        final Overrides listener = new Overrides();
        final BoundMethod bound = only(ListenerBinder.bind(listener));

        assertEquals(BoundMethod.Kind.SUBSCRIBE_TYPE, bound.kind(), "the superclass's annotation counts");
        assertEquals(FIXTURE + "Overrides#onBase(java.lang.String)", bound.description());
        bound.handler().onEvent("x");
        assertEquals(List.of("override x"), listener.seen);
        assertEquals(List.of(), listener.baseSeen);
    }

    @Test
    void overrideFurtherUpThanTheListenersClassStillRuns() throws Exception
    {
        final BelowOverride listener = new BelowOverride();
        final BoundMethod bound = only(ListenerBinder.bind(listener));

        bound.handler().onEvent("y");
        assertEquals(List.of("override y"), listener.seen);
        assertEquals(List.of(), listener.baseSeen);
    }

    @Test
    void nearestAnnotationWinsWhenAnOverrideIsReannotated() throws Exception
    {
        final Reannotated listener = new Reannotated();
        final BoundMethod bound = only(ListenerBinder.bind(listener));

        assertEquals(BoundMethod.Kind.CONSUME, bound.kind());
        assertEquals("audit.queue", bound.name());
        bound.handler().onEvent("z");
        assertEquals(List.of("override z"), listener.seen);
    }

    @Test
    void methodOfAGenericInterfaceBindsOnceWithItsResolvedType() throws Exception
    {
        final PriceListener listener = new PriceListener();
        final BoundMethod bound = only(ListenerBinder.bind(listener));

        assertEquals(String.class, bound.parameterType(), "not the erased Object of the bridge");
        assertEquals(FIXTURE + "PriceListener#on(java.lang.String)", bound.description());
        bound.handler().onEvent("1.25");
        assertEquals(List.of("1.25"), listener.seen);

        final BoundMethod annotatedImplementation = only(ListenerBinder.bind(new AnnotatedPriceListener()));
        assertEquals(
            String.class, annotatedImplementation.parameterType(), "the bridge's copied annotation is skipped");
    }

    @Test
    void covariantOverrideOfAResponderIsBoundOnce() throws Exception
    {
        final BoundMethod bound = only(ListenerBinder.bind(new NarrowingResponder()));

        assertEquals(String.class, bound.returnType());
        assertEquals(FIXTURE + "NarrowingResponder#status(java.lang.String)", bound.description());
        assertEquals("narrowed 1", bound.responder().respond("1"));
    }

    @Test
    void methodOfAGenericSuperclassBindsWithItsResolvedTypes() throws Exception
    {
        final StringLengths listener = new StringLengths();
        final BoundMethod bound = only(ListenerBinder.bind(listener));

        assertEquals(String.class, bound.parameterType());
        assertEquals(Integer.class, bound.returnType());
        assertEquals(FIXTURE + "GenericResponder#respond(java.lang.Object)", bound.description());
        assertEquals(4, bound.responder().respond("four"));
    }

    @Test
    void privateMethodAndASubclassMethodOfTheSameSignatureAreBothBound() throws Exception
    {
        final PrivateSub listener = new PrivateSub();
        final List<BoundMethod> bound = ListenerBinder.bind(listener);

        assertEquals(2, bound.size(), "a private method overrides nothing");
        for (final BoundMethod method : bound)
        {
            method.handler().onEvent("e");
        }
        assertEquals(Set.of("sub e", "base e"), Set.copyOf(listener.seen));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Exceptions from the listener
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void checkedExceptionFromAHandlerArrivesUnchanged()
    {
        final Failing listener = new Failing();
        final BoundMethod bound = method(ListenerBinder.bind(listener), "on");

        final IOException thrown = assertThrows(IOException.class, () -> bound.handler().onEvent("boom"));
        assertSame(listener.checked, thrown);
    }

    @Test
    void exceptionsFromAResponderArriveUnchanged()
    {
        final Failing listener = new Failing();
        final BoundMethod bound = method(ListenerBinder.bind(listener), "answer");

        final IOException checked = assertThrows(IOException.class, () -> bound.responder().respond("checked"));
        assertSame(listener.checked, checked);
        final IllegalStateException unchecked =
            assertThrows(IllegalStateException.class, () -> bound.responder().respond("unchecked"));
        assertSame(listener.unchecked, unchecked);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Misuse
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void nullListenerIsRejected()
    {
        final NullPointerException ex = assertThrows(NullPointerException.class, () -> ListenerBinder.bind(null));
        assertEquals("listener", ex.getMessage());
    }

    @Test
    void listenerWithoutAnnotatedMethodsIsRejected()
    {
        assertRejected(new NotAListener(), FIXTURE + "NotAListener has no @Subscribe, @Consume or @Respond method");
        assertRejected(new Object(), "java.lang.Object has no @Subscribe, @Consume or @Respond method");
    }

    @Test
    void staticMethodIsRejected()
    {
        assertRejected(new StaticMethod(), FIXTURE + "StaticMethod#on(java.lang.String)", "is static");
    }

    @Test
    void methodWithoutParameterIsRejected()
    {
        assertRejected(new NoParameter(), FIXTURE + "NoParameter#on()", "has 0 parameters", "exactly one");
    }

    @Test
    void methodWithTwoParametersIsRejected()
    {
        assertRejected(
            new TwoParameters(),
            FIXTURE + "TwoParameters#on(java.lang.String, int)", "has 2 parameters", "exactly one");
    }

    @Test
    void subscribeReturningAValueIsRejected()
    {
        assertRejected(
            new SubscribeReturns(),
            FIXTURE + "SubscribeReturns#on(java.lang.String)", "returns int", "@Subscribe methods must return void");
    }

    @Test
    void consumeReturningAValueIsRejected()
    {
        assertRejected(
            new ConsumeReturns(),
            FIXTURE + "ConsumeReturns#on(java.lang.String)", "returns java.lang.String",
            "@Consume methods must return void");
    }

    @Test
    void respondReturningVoidIsRejected()
    {
        assertRejected(
            new RespondVoid(),
            FIXTURE + "RespondVoid#on(java.lang.String)", "returns void", "@Respond methods must return the reply");
    }

    @Test
    void methodWithTwoAnnotationsIsRejected()
    {
        assertRejected(
            new TwoAnnotations(),
            FIXTURE + "TwoAnnotations#on(java.lang.String)", "@Subscribe and @Consume", "only one of");
        assertRejected(
            new ThreeAnnotations(),
            FIXTURE + "ThreeAnnotations#on(java.lang.String)", "@Subscribe and @Consume and @Respond", "only one of");
    }

    @Test
    void blankNamesAreRejected()
    {
        assertRejected(new BlankQueue(), FIXTURE + "BlankQueue#on(java.lang.String)", "blank @Consume queue");
        assertRejected(new BlankAddress(), FIXTURE + "BlankAddress#on(java.lang.String)", "blank @Respond address");
        assertRejected(new BlankTopic(), FIXTURE + "BlankTopic#on(java.lang.String)", "blank @Subscribe topic");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Listeners in another module: method handle fallback and access errors
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void methodInAnOpenPackageOfAnotherModuleFallsBackToAMethodHandle() throws Exception
    {
        final List<Object> seen = new ArrayList<>();
        final List<BoundMethod> bound = ListenerBinder.bind(plugin("plugin.opened.OpenListener", seen));
        final BoundMethod on = method(bound, "on");
        final BoundMethod length = method(bound, "length");

        assertFalse(on.handler().getClass().isHidden(), "the metafactory refuses a lookup without module access");
        on.handler().onEvent("hello");
        assertEquals(List.of("hello"), seen);
        final Exception thrown = assertThrows(IOException.class, () -> on.handler().onEvent("fail"));
        assertEquals("fail", thrown.getMessage());

        assertFalse(length.responder().getClass().isHidden());
        assertEquals(Integer.class, length.parameterType());
        assertEquals(Integer.class, length.returnType());
        assertEquals(6, length.responder().respond(3));
        final Exception refused = assertThrows(IOException.class, () -> length.responder().respond(-1));
        assertEquals("negative", refused.getMessage());
    }

    @Test
    void publicMethodInAnExportedPackageIsBound() throws Exception
    {
        final List<Object> seen = new ArrayList<>();
        final BoundMethod bound = only(ListenerBinder.bind(plugin("plugin.exported.PublicListener", seen)));

        bound.handler().onEvent("exported");
        assertEquals(List.of("exported"), seen);
    }

    @Test
    void nonPublicMethodInAPackageThatIsNotOpenIsRejected() throws Exception
    {
        assertRejected(
            plugin("plugin.exported.HiddenListener", new ArrayList<>()),
            "plugin.exported.HiddenListener#on(java.lang.String) is not accessible",
            "make the method and its class public", "open package plugin.exported");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------

    private static BoundMethod only(final List<BoundMethod> bound)
    {
        assertEquals(1, bound.size(), () -> "bindings: " + bound);
        return bound.get(0);
    }

    private static BoundMethod method(final List<BoundMethod> bound, final String methodName)
    {
        final List<BoundMethod> matching = bound.stream()
            .filter((method) -> method.description().contains("#" + methodName + "("))
            .collect(Collectors.toList());
        assertEquals(1, matching.size(), () -> methodName + " in " + bound);
        return matching.get(0);
    }

    private static void assertRejected(final Object listener, final String... fragments)
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ListenerBinder.bind(listener));
        for (final String fragment : fragments)
        {
            assertTrue(ex.getMessage().contains(fragment), () -> "'" + fragment + "' not in: " + ex.getMessage());
        }
    }

    private static Object plugin(final String className, final List<Object> seen) throws Exception
    {
        final Consumer<Object> sink = seen::add;
        return Class.forName(className, true, pluginLoader).getConstructor(Consumer.class).newInstance(sink);
    }

    /**
     * Compiles a small named module and loads it in a layer of its own, to meet the access rules a listener in a
     * user's module meets: an exported package grants public access only, an open one private access but not the
     * full privilege the lambda metafactory needs.
     */
    @BeforeAll
    static void loadPluginModule() throws Exception
    {
        final Path src = pluginDir.resolve("src");
        write(
            src.resolve("module-info.java"),
            "module ringbus.test.plugin { exports plugin.exported; opens plugin.opened; }");
        write(src.resolve("plugin/exported/PublicListener.java"), """
            package plugin.exported;
            public class PublicListener
            {
                private final java.util.function.Consumer<Object> sink;
                public PublicListener(final java.util.function.Consumer<Object> sink) { this.sink = sink; }
                @io.ringbus.api.annotation.Subscribe public void on(final String event) { sink.accept(event); }
            }
            """);
        write(src.resolve("plugin/exported/HiddenListener.java"), """
            package plugin.exported;
            public class HiddenListener
            {
                public HiddenListener(final java.util.function.Consumer<Object> sink) { }
                @io.ringbus.api.annotation.Subscribe void on(final String event) { }
            }
            """);
        write(src.resolve("plugin/opened/OpenListener.java"), """
            package plugin.opened;
            public class OpenListener
            {
                private final java.util.function.Consumer<Object> sink;
                public OpenListener(final java.util.function.Consumer<Object> sink) { this.sink = sink; }
                @io.ringbus.api.annotation.Subscribe private void on(final String event) throws java.io.IOException
                {
                    if (event.equals("fail")) { throw new java.io.IOException("fail"); }
                    sink.accept(event);
                }
                @io.ringbus.api.annotation.Respond(address = "twice")
                private int length(final int n) throws java.io.IOException
                {
                    if (n < 0) { throw new java.io.IOException("negative"); }
                    return 2 * n;
                }
            }
            """);

        final Path out = pluginDir.resolve("out");
        final List<String> args = new ArrayList<>(List.of(
            "-d", out.toString(),
            "--add-reads", "ringbus.test.plugin=ALL-UNNAMED",
            "-cp", Path.of(Subscribe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString()));
        try (Stream<Path> files = Files.walk(src))
        {
            files.filter((file) -> file.toString().endsWith(".java")).forEach((file) -> args.add(file.toString()));
        }
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertEquals(
            0, javac.run(null, null, errors, args.toArray(new String[0])), errors.toString(StandardCharsets.UTF_8));

        final Configuration configuration = ModuleLayer.boot().configuration()
            .resolve(ModuleFinder.of(out), ModuleFinder.of(), Set.of("ringbus.test.plugin"));
        final ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(
            configuration, List.of(ModuleLayer.boot()), ListenerBinderTest.class.getClassLoader());
        final Module plugin = controller.layer().findModule("ringbus.test.plugin").orElseThrow();
        controller.addReads(plugin, ListenerBinderTest.class.getModule());
        pluginLoader = controller.layer().findLoader("ringbus.test.plugin");
    }

    private static void write(final Path file, final String source) throws IOException
    {
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Listeners
    // ---------------------------------------------------------------------------------------------------------

    record Payment(long cents)
    {
    }

    static final class Audit
    {
        final List<Object> seen = new ArrayList<>();

        @Subscribe
        public void on(final String event)
        {
            seen.add(event);
        }
    }

    static final class TopicListener
    {
        final List<Object> seen = new ArrayList<>();

        @Subscribe(topic = "orders.*")
        void onAnyOrder(final Object event)
        {
            seen.add(event);
        }
    }

    static final class PaymentConsumer
    {
        final List<Object> seen = new ArrayList<>();

        @Consume(queue = "payments")
        void charge(final Payment payment)
        {
            seen.add(payment);
        }
    }

    static class StatusResponder
    {
        @Respond(address = "order.status")
        CharSequence status(final String orderId)
        {
            return "status of " + orderId;
        }
    }

    static final class ThreadChoices
    {
        @Subscribe(dedicatedThread = true)
        void dedicatedSubscribe(final String event)
        {
        }

        @Subscribe
        void sharedSubscribe(final Long event)
        {
        }

        @Consume(queue = "q1", dedicatedThread = true)
        void dedicatedConsume(final String message)
        {
        }

        @Consume(queue = "q2")
        void sharedConsume(final String message)
        {
        }
    }

    static final class Primitives
    {
        final List<Object> seen = new ArrayList<>();

        @Subscribe
        void on(final int value)
        {
            seen.add(value);
        }

        @Respond(address = "math.twice")
        double twice(final long value)
        {
            return 2.0 * value;
        }
    }

    static final class PrivateListener
    {
        final List<Object> seen = new ArrayList<>();

        @Subscribe
        private void on(final String event)
        {
            seen.add(event);
        }

        @Respond(address = "length")
        private int length(final String text)
        {
            return text.length();
        }
    }

    static class AuditBase
    {
        final List<Object> baseSeen = new ArrayList<>();
        final List<Object> seen = new ArrayList<>();

        @Subscribe
        void onBase(final String event)
        {
            baseSeen.add(event);
        }
    }

    static final class InheritsOnly extends AuditBase
    {
    }

    static class Overrides extends AuditBase
    {
        @Override
        void onBase(final String event)
        {
            seen.add("override " + event);
        }
    }

    static final class BelowOverride extends Overrides
    {
    }

    static final class Reannotated extends AuditBase
    {
        @Override
        @Consume(queue = "audit.queue")
        void onBase(final String event)
        {
            seen.add("override " + event);
        }
    }

    interface AnnotatedInterface
    {
        List<Object> seen();

        @Subscribe(topic = "prices")
        void on(String event);

        @Consume(queue = "jobs")
        default void job(final Integer job)
        {
            seen().add("default " + job);
        }
    }

    static final class ImplementsInterface implements AnnotatedInterface
    {
        final List<Object> seen = new ArrayList<>();

        @Override
        public List<Object> seen()
        {
            return seen;
        }

        @Override
        public void on(final String event)
        {
            seen.add(event);
        }
    }

    interface TypedListener<E>
    {
        @Subscribe
        void on(E event);
    }

    static final class PriceListener implements TypedListener<String>
    {
        final List<Object> seen = new ArrayList<>();

        @Override
        public void on(final String event)
        {
            seen.add(event);
        }
    }

    static final class AnnotatedPriceListener implements TypedListener<String>
    {
        @Override
        @Subscribe
        public void on(final String event)
        {
        }
    }

    static final class NarrowingResponder extends StatusResponder
    {
        @Override
        @Respond(address = "order.status")
        String status(final String orderId)
        {
            return "narrowed " + orderId;
        }
    }

    abstract static class GenericResponder<Q, R>
    {
        @Respond(address = "generic")
        R respond(final Q request)
        {
            return answer(request);
        }

        abstract R answer(Q request);
    }

    static final class StringLengths extends GenericResponder<String, Integer>
    {
        @Override
        Integer answer(final String request)
        {
            return request.length();
        }
    }

    static class PrivateBase
    {
        final List<Object> seen = new ArrayList<>();

        @Subscribe
        private void on(final String event)
        {
            seen.add("base " + event);
        }
    }

    static final class PrivateSub extends PrivateBase
    {
        @Subscribe
        void on(final String event)
        {
            seen.add("sub " + event);
        }
    }

    static final class Failing
    {
        final IOException checked = new IOException("checked");
        final IllegalStateException unchecked = new IllegalStateException("unchecked");

        @Subscribe
        void on(final String event) throws IOException
        {
            throw checked;
        }

        @Respond(address = "fails")
        String answer(final String request) throws IOException
        {
            if (request.equals("checked"))
            {
                throw checked;
            }
            throw unchecked;
        }
    }

    static final class NotAListener
    {
        void on(final String event)
        {
        }
    }

    static final class StaticMethod
    {
        @Subscribe
        static void on(final String event)
        {
        }
    }

    static final class NoParameter
    {
        @Subscribe
        void on()
        {
        }
    }

    static final class TwoParameters
    {
        @Subscribe
        void on(final String event, final int extra)
        {
        }
    }

    static final class SubscribeReturns
    {
        @Subscribe
        int on(final String event)
        {
            return 0;
        }
    }

    static final class ConsumeReturns
    {
        @Consume(queue = "q")
        String on(final String message)
        {
            return message;
        }
    }

    static final class RespondVoid
    {
        @Respond(address = "a")
        void on(final String request)
        {
        }
    }

    static final class TwoAnnotations
    {
        @Subscribe
        @Consume(queue = "q")
        void on(final String event)
        {
        }
    }

    static final class ThreeAnnotations
    {
        @Subscribe
        @Consume(queue = "q")
        @Respond(address = "a")
        void on(final String event)
        {
        }
    }

    static final class BlankQueue
    {
        @Consume(queue = " ")
        void on(final String message)
        {
        }
    }

    static final class BlankAddress
    {
        @Respond(address = "")
        String on(final String request)
        {
            return request;
        }
    }

    static final class BlankTopic
    {
        @Subscribe(topic = "  ")
        void on(final String event)
        {
        }
    }
}
