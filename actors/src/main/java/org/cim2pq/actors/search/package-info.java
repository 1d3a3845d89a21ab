/**
 * The event-sourced search: {@link org.cim2pq.actors.search.SearchActor} (the population, one per search, created
 * from its id; its state is the journal's read model and its decisions come from the engine's generational step),
 * {@link org.cim2pq.actors.search.SearchDefinition} (what one search is, and its journaled start),
 * {@link org.cim2pq.actors.search.JournalVerifier} (the same step replayed over a journal) and the node that hosts
 * them.
 */
package org.cim2pq.actors.search;
