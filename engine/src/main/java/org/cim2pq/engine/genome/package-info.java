/**
 * Genomes and strategies: immutable integer genomes (CIM quantization strategies, 3 genes per search unit) and
 * real-valued genomes (benchmark problems), and the stable, compact identity of a strategy.
 */
package org.cim2pq.engine.genome;
