package org.cim2pq.sim.cim.cost;

/** How layer latencies combine into the network latency (METHOD.md section 3). */
public enum LatencyMode {
    /** Layers run one after another: the sum of layer latencies (default). */
    LAYER_SEQUENTIAL,
    /** Layers form a pipeline over a stream of inputs: the slowest layer sets the pace. */
    PIPELINED
}
