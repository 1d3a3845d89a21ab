/**
 * The one codec of the messages that may cross nodes: each message knows its manifest and its protobuf form
 * ({@link org.cim2pq.actors.wire.WireMessage}); {@link org.cim2pq.actors.wire.WireSerializer} reads them back
 * through one table from manifest to parser.
 */
package org.cim2pq.actors.wire;
