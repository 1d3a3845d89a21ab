/**
 * The elastic cluster: searches as Cluster Sharding entities (remembered, on the Cassandra journal), worker nodes
 * whose pipelines find running searches through the Receptionist and pull their work, and the front through which
 * clients that are not members submit, follow and inspect.
 */
package org.cim2pq.actors.cluster;
