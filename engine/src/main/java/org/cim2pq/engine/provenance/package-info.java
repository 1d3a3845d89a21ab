/** Where results come from: the code version stamped at build time, and provenance records built on it. */
package org.cim2pq.engine.provenance;
