/** Journal configuration: the embedded H2 journal (default) and the Cassandra journal (cluster). */
package org.cim2pq.persistence.journal;
