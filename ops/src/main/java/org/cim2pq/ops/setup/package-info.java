/** Preparing a machine and a data folder: Debian's Fashion-MNIST package, the data dir and its checks. */
package org.cim2pq.ops.setup;
