package org.cim2pq.ops.input;

/** Survival selection of a search: qNSGA-III (CIM2PQ, with its accuracy quota) or plain NSGA-III. */
public enum Selection {
    QNSGA3,
    NSGA3
}
