/** The cluster from the command line: running a node ({@code cim2pq node}) and talking to a cluster as a client. */
package org.cim2pq.ops.cluster;
