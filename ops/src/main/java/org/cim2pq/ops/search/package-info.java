/** Running a search from the command line: the request, the model catalog, progress and the front file. */
package org.cim2pq.ops.search;
