/**
 * Variation operators, each returning its decision as data so it can be journaled and re-applied: CIM2PQ's
 * fine-grained (tile-level) crossover and progressive adaptive mutation for integer genomes, the breeding step
 * that turns a population into births, and SBX / polynomial mutation for real-valued genomes.
 */
package org.cim2pq.engine.variation;
