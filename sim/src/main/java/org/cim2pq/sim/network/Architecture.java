package org.cim2pq.sim.network;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/** The networks cim2pq can train and map, by the name used on the command line and in model files. */
public enum Architecture {
    LENET5("lenet5", LeNet5::new),
    RESNET8("resnet8", ResNet::resnet8),
    RESNET20("resnet20", ResNet::resnet20),
    RESNET18("resnet18", ResNet::resnet18);

    private final String id;
    private final IntFunction<FoldableBlock> factory;

    Architecture(String id, IntFunction<FoldableBlock> factory) {
        this.id = id;
        this.factory = factory;
    }

    public String id() {
        return id;
    }

    /** A fresh, uninitialised network with {@code classes} outputs; input channels are taken at initialisation. */
    public FoldableBlock build(int classes) {
        return factory.apply(classes);
    }

    /** The architecture called {@code id} (case-insensitive, {@code resnet-8} accepted), or a one-line error. */
    public static Architecture byId(String id) {
        String key = id.trim().toLowerCase(Locale.ROOT).replace("-", "");
        for (Architecture a : values()) {
            if (a.id.equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown model '" + id + "' (known: " + String.join(", ", ids()) + ")");
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Architecture::id).toList();
    }
}
