/**
 * Networks: the DJL model definitions ({@link org.cim2pq.sim.network.LeNet5}, the CIFAR-style
 * {@link org.cim2pq.sim.network.ResNet}s and ResNet-18, by name in {@link org.cim2pq.sim.network.Architecture}),
 * BatchNorm folding ({@link org.cim2pq.sim.network.BatchNormFolding}), and
 * {@link org.cim2pq.sim.network.FoldedNetwork}, the framework-free program that the CIM platform maps onto arrays
 * and runs quantized. Every block writes itself out through {@link org.cim2pq.sim.network.FoldableBlock}, so
 * weight-layer names are the block paths ({@code conv1}, {@code stage1.block0.conv1},
 * {@code stage2.block0.shortcut}, {@code fc}) and stay stable: tile ids derive from them.
 */
package org.cim2pq.sim.network;
