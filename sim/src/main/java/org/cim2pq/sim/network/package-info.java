/**
 * Networks: the DJL model definitions (LeNet-5, CIFAR-style ResNets, ResNet-18), their training, BatchNorm
 * folding, and {@link org.cim2pq.sim.network.FoldedNetwork}, the framework-free program that the CIM platform
 * maps onto arrays and runs quantized.
 */
package org.cim2pq.sim.network;
