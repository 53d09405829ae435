package io.ringbus.ipc;

import java.util.concurrent.CompletableFuture;

/**
 * A request sent to another process and waiting for its reply, by correlation id.
 */
record PendingReply(CompletableFuture<Object> future, Class<?> replyType, String address, long target)
{
}
