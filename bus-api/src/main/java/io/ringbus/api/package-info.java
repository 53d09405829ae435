/**
 * The Ringbus contract: the bus, its destinations, handlers, options, statistics and exceptions.
 * <p>
 * Code written against this package does not depend on an engine: {@code io.ringbus.Ringbus} builds the
 * in-process engine, and the IPC engine implements the same interfaces. Nothing here names a third-party type.
 */
package io.ringbus.api;
