package io.ringbus.disruptor;

import java.util.concurrent.CompletableFuture;

/**
 * A request in a responder queue, with the future its reply completes.
 *
 * @param request   what was asked.
 * @param reply     completed once, by the responder, a timeout or a failure.
 * @param replyType the class the reply must be an instance of.
 */
record PendingRequest(Object request, CompletableFuture<Object> reply, Class<?> replyType)
{
}
