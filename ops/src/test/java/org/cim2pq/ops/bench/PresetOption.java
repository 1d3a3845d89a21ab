package org.cim2pq.ops.bench;

import org.cim2pq.sim.cim.cost.HardwarePreset;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --preset} option of the CIM benches: which hardware preset their figures are costed with. */
final class PresetOption {

    @Option(names = "--preset", defaultValue = HardwarePreset.DEFAULT,
            description = "Hardware preset (default: ${DEFAULT-VALUE}).")
    String name;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    /** The named preset; an unknown name is a usage error naming the known ones. */
    HardwarePreset preset() {
        try {
            return HardwarePreset.byName(name);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--preset: " + e.getMessage());
        }
    }
}
