/** Serialization of events, snapshots and wire messages: protobuf with stable manifests, bound in reference.conf. */
package org.cim2pq.persistence.serialization;
