/**
 * {@code cim2pq report}: a search's journal folded into what a person needs to judge it (Pareto fronts,
 * hypervolume per generation, the front's per-tile precisions, provenance), rendered as PNG plots and one HTML
 * page. Read side only: the journal is read from a copy and never written.
 */
package org.cim2pq.ops.report;
