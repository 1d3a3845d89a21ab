package org.cim2pq.ops.bench;

import java.util.List;

import org.cim2pq.engine.random.DrawKey;
import org.cim2pq.engine.random.Purpose;
import org.cim2pq.sim.cim.noise.NoiseProfile;
import org.cim2pq.sim.cim.noise.NoiseSetting;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The noise options of the CIM benches: profiles, draws per evaluation, and the seed the draws are keyed by. */
final class NoiseOption {

    @Option(names = "--noise-draws", defaultValue = "" + NoiseSetting.DEFAULT_DRAWS,
            description = "Chip instances per evaluation under noise (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--noise-seed", defaultValue = "1",
            description = "Seed the noise draws are keyed by, as a search with this seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    /** The setting of profile {@code name}; an unknown name is a usage error naming the known ones. */
    NoiseSetting setting(String name) {
        NoiseProfile profile;
        try {
            profile = NoiseProfile.byName(name);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--noise: " + e.getMessage());
        }
        if (draws < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--noise-draws must be >= 1, got " + draws);
        }
        return new NoiseSetting(profile, draws, DrawKey.of(seed, 0, Purpose.NOISE, 0).hash());
    }

    List<NoiseSetting> settings(List<String> names) {
        return names.stream().map(String::trim).map(this::setting).toList();
    }
}
