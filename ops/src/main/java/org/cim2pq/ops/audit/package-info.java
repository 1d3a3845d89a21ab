/** The read side of the command line: the journal opened read-only, and what list/history/lineage/verify/export need. */
package org.cim2pq.ops.audit;
