package io.ringbus.patterns.cqrs;

import io.ringbus.api.Bus;
import io.ringbus.api.NoResponderException;
import io.ringbus.api.Registration;
import io.ringbus.api.Responder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends each command to the one handler of its type, over the bus's request/reply, and returns its result or its
 * rejection as a future.
 *
 * <pre>{@code
 * CommandBus commands = new CommandBus(bus);
 * commands.register(Deposit.class, d -> accounts.handle(d.accountId(), d).version());
 * commands.send(new Deposit("acc-1", 100)).thenAccept(v -> System.out.println("now at version " + v));
 * }</pre>
 * <p>
 * A command type has exactly one handler: registering a second is an error naming the type. Commands are matched
 * by their exact class. Validators run on the sender's thread before the command is sent; a command that breaks a
 * rule fails with a {@link CommandRejectedException} of reason {@link CommandRejectedException#INVALID} and never
 * reaches its handler. The handler runs on a bus dispatcher thread, never concurrently with itself; what it returns
 * ({@code null} included) completes the future, what it throws fails it. A command with no handler fails at once
 * with {@link NoResponderException}; one not answered within the timeout with
 * {@link java.util.concurrent.TimeoutException}.
 * <p>
 * Handlers are answered at {@code <name>.<command class name>} on the bus, so two command buses on one bus need
 * different names.
 * <p>
 * <b>Note:</b> thread-safe.
 */
public final class CommandBus
{
    /** The name used when none is given. */
    public static final String DEFAULT_NAME = "commands";
    /** How long a command waits for its result by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Bus bus;
    private final String name;
    private final Duration timeout;
    private final SoleHandlers<String> handlers = new SoleHandlers<>("command");
    private final Map<Class<?>, List<Validator<Object>>> validators = new ConcurrentHashMap<>();

    /**
     * A command bus named {@value #DEFAULT_NAME} with the default timeout.
     *
     * @param bus the bus that carries the commands.
     */
    public CommandBus(final Bus bus)
    {
        this(bus, DEFAULT_NAME, DEFAULT_TIMEOUT);
    }

    /**
     * A command bus.
     *
     * @param bus     the bus that carries the commands.
     * @param name    the address prefix of its handlers, a valid bus address.
     * @param timeout how long a command waits for its result, positive.
     */
    public CommandBus(final Bus bus, final String name, final Duration timeout)
    {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.name = Objects.requireNonNull(name, "name");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative())
        {
            throw new IllegalArgumentException("timeout " + timeout + " must be positive");
        }
    }

    /**
     * Make {@code handler} the handler of {@code type}.
     *
     * @param type    the command class, matched exactly.
     * @param handler computes the result; throw (e.g. {@link CommandRejectedException}) to reject.
     * @param <C>     type of the command.
     * @param <R>     type of the result.
     * @return the registration; close it to remove the handler.
     * @throws IllegalStateException if {@code type} already has a handler.
     */
    public <C, R> Registration register(final Class<C> type, final Responder<? super C, ? extends R> handler)
    {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        final String address = MethodBinder.address(name, type);
        return handlers.claim(type, address,
            () -> bus.respond(address, type, command -> new Reply(handler.respond(command))));
    }

    /**
     * Register every {@link CommandHandler} method of {@code handlers}, each for the type of its parameter.
     *
     * @param handlerObject an object with annotated methods.
     * @return one registration for all of them.
     * @throws IllegalArgumentException if a method is malformed or there is none.
     * @throws IllegalStateException    if a command type already has a handler; none of the object's methods is
     *                                  registered then.
     */
    public Registration register(final Object handlerObject)
    {
        final List<MethodBinder.Bound> bound = MethodBinder.bind(handlerObject, CommandHandler.class, false, true);
        final List<Registration> done = new ArrayList<>();
        try
        {
            for (final MethodBinder.Bound method : bound)
            {
                final Responder<Object, Object> call = method.responder() != null ? method.responder() : command ->
                {
                    method.handler().onEvent(command);
                    return null;
                };
                @SuppressWarnings("unchecked")
                final Class<Object> type = (Class<Object>)method.parameterType();
                done.add(register(type, call));
            }
        }
        catch (final RuntimeException ex)
        {
            done.forEach(Registration::close);
            throw ex;
        }
        return () -> done.forEach(Registration::close);
    }

    /**
     * Check commands of {@code type} before they are sent; several validators of one type all run.
     *
     * @param type      the command class, matched exactly.
     * @param validator returns the broken rules.
     * @param <C>       type of the command.
     */
    @SuppressWarnings("unchecked")
    public <C> void validate(final Class<C> type, final Validator<? super C> validator)
    {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(validator, "validator");
        validators.compute(type, (t, list) ->
        {
            final List<Validator<Object>> next = null == list ? new ArrayList<>() : new ArrayList<>(list);
            next.add((Validator<Object>)validator);
            return List.copyOf(next);
        });
    }

    /**
     * Send a command to its handler.
     *
     * @param command    the command, not {@code null}.
     * @param resultType the class of the handler's result.
     * @param <R>        type of the result.
     * @return the result; or failed with {@link CommandRejectedException}, the handler's exception,
     *         {@link NoResponderException} or {@link java.util.concurrent.TimeoutException}.
     */
    public <R> CompletableFuture<R> send(final Object command, final Class<R> resultType)
    {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(resultType, "resultType");
        final Class<?> type = command.getClass();
        final List<Validator<Object>> checks = validators.get(type);
        if (checks != null)
        {
            final List<String> violations = new ArrayList<>();
            for (final Validator<Object> check : checks)
            {
                violations.addAll(check.validate(command));
            }
            if (!violations.isEmpty())
            {
                return CompletableFuture.failedFuture(new CommandRejectedException(CommandRejectedException.INVALID,
                    type.getSimpleName() + " is invalid: " + String.join("; ", violations), violations));
            }
        }
        final String address = handlers.get(type);
        if (null == address)
        {
            return CompletableFuture.failedFuture(new NoResponderException(MethodBinder.address(name, type)));
        }
        return bus.request(address, command, Reply.class, timeout).thenApply(reply -> reply.as(resultType, type));
    }

    /**
     * Send a command whose result is not needed beyond success or failure.
     *
     * @param command the command.
     * @return the handler's result.
     */
    public CompletableFuture<Object> send(final Object command)
    {
        return send(command, Object.class);
    }

    /**
     * A handler's result, boxed so that {@code null} and {@code void} can travel as replies.
     */
    private record Reply(Object value)
    {
        <R> R as(final Class<R> type, final Class<?> command)
        {
            if (value != null && !type.isInstance(value))
            {
                throw new ClassCastException("the handler of " + command.getName() + " returned " +
                    value.getClass().getName() + " where " + type.getName() + " was asked for");
            }
            return type.cast(value);
        }
    }
}
