/**
 * The event-sourced search: {@link org.cim2pq.actors.search.SearchActor} (the population, one per search),
 * {@link org.cim2pq.actors.search.SearchPlanner} (its decisions as a pure function of the journaled state),
 * {@link org.cim2pq.actors.search.SearchState} (what the events build) and the node that hosts them.
 */
package org.cim2pq.actors.search;
