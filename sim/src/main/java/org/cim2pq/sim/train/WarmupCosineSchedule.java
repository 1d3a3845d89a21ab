package org.cim2pq.sim.train;

import ai.djl.training.tracker.Tracker;

/**
 * Learning rate: linear warm-up from {@code base / 10} over {@code warmupSteps}, then cosine decay to 0 at
 * {@code totalSteps}. Warm-up keeps the first SGD steps of a freshly initialised ResNet with a large rate
 * from blowing up BatchNorm statistics; cosine needs no milestones tuned per epoch count.
 */
record WarmupCosineSchedule(float base, int warmupSteps, int totalSteps) implements Tracker {

    @Override
    public float getNewValue(int numUpdate) {
        if (numUpdate < warmupSteps) {
            return base * (0.1f + 0.9f * numUpdate / warmupSteps);
        }
        int decay = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (numUpdate - warmupSteps) / decay);
        return (float) (base * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
