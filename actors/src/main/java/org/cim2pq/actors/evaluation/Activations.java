package org.cim2pq.actors.evaluation;

/**
 * One strategy's state between two tile groups (for the CIM platform: the evaluation batch's activations at the
 * group boundary). Owned by whoever holds it: the stage message carrying it, then the group it is handed to, which
 * keeps it or closes it. Closing frees what it holds; it is idempotent.
 */
public non-sealed interface Activations extends StageOutput, AutoCloseable {

    @Override
    default void close() {}
}
