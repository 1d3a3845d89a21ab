/** The {@code cim2pq} command line: one class per subcommand, and the one-line error contract they share. */
package org.cim2pq.ops.cli;
