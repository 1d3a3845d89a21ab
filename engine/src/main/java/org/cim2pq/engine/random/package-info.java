/**
 * Seeded random streams: every random decision of a search draws from a stream keyed by (seed, generation,
 * purpose, index), so the same inputs give the same decisions on any machine, thread count or result order.
 */
package org.cim2pq.engine.random;
