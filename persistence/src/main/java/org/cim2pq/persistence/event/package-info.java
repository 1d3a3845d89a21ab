/**
 * The journal's language, typed once: {@link org.cim2pq.persistence.event.SearchEvent} (every event of a search in
 * engine terms), {@link org.cim2pq.persistence.event.SearchEventCodec} (the one mapping to and from the protobuf
 * schema, snapshots included) and {@link org.cim2pq.persistence.event.SearchReadModel} (the one fold every reader and
 * the SearchActor build on).
 */
package org.cim2pq.persistence.event;
