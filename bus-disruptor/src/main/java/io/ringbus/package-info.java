/**
 * Entry point of the in-process engine: {@link io.ringbus.Ringbus#create()} and {@link io.ringbus.Ringbus#builder()}.
 */
package io.ringbus;
