/**
 * Survival selection: non-dominated sorting, Das-Dennis reference points, NSGA-III (Deb and Jain 2014) and
 * qNSGA-III (NSGA-III with a quota of CIM-friendly strategies), returning survivors together with what explains
 * them (front, reference point, niche count, quota membership).
 */
package org.cim2pq.engine.selection;
