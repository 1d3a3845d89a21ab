/** The read side: searches' event streams through Pekko Persistence Query, on either journal; never writes. */
package org.cim2pq.persistence.query;
