/**
 * Quality indicators of an obtained front: IGD as Deb and Jain compute it, IGD+, and hypervolume (exact for M <= 4,
 * Monte-Carlo estimate above), plus the fixed frame in which a search measures its own hypervolume progress.
 */
package org.cim2pq.engine.indicator;
