/**
 * What a node measures about its searches and pipelines, as Micrometer meters on one registry per actor system
 * ({@link org.cim2pq.actors.metrics.NodeMetrics}); a node publishes them (Prometheus, in {@code ops}), a single
 * machine keeps them in memory. The meter names and what each means are listed once, in {@code docs/cluster.md}.
 */
package org.cim2pq.actors.metrics;
