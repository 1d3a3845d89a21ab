/**
 * Image data sets for training, calibration and evaluation: Fashion-MNIST from the Debian
 * {@code dataset-fashion-mnist} files (gzip'd IDX), CIFAR-10 / CIFAR-100 from user-supplied folders in their
 * binary format, the per-channel {@link org.cim2pq.sim.data.Normalization} stored with every model, and the
 * seeded calibration / evaluation subsets of {@link org.cim2pq.sim.data.SeededSubsets}.
 *
 * <p>Nothing here downloads: a missing file is a one-line {@link org.cim2pq.sim.data.DatasetException} that says
 * what to install or where to put it.
 */
package org.cim2pq.sim.data;
