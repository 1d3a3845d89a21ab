package org.cim2pq.ops.bench;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.LayerTiling;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.array.TileGrouping;
import org.cim2pq.sim.cim.cost.CostModel;
import org.cim2pq.sim.cim.cost.HardwarePreset;
import org.cim2pq.sim.cim.cost.NetworkCost;
import org.cim2pq.sim.cim.cost.TileCost;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.models.TrainedModel;
import org.cim2pq.sim.models.TrainedModels;
import org.cim2pq.sim.network.FoldedNetwork;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cim2pq bench preset}: what a hardware preset charges, from the cost model alone (no inference): each
 * component's share of energy and area for one layer, and the network's TOPS/W and TOPS/mm^2 at uniform precisions,
 * on both machines. The figures of the preset pages in {@code docs/} come from it.
 */
@Command(name = "preset", mixinStandardHelpOptions = true,
        description = "A hardware preset's component shares for one layer and its TOPS/W, TOPS/mm^2 per machine.")
public final class PresetBench implements Callable<Integer> {

    @Mixin
    PresetOption preset;

    @Option(names = "--model", defaultValue = "resnet8", description = "A shipped network (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "Data set (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--layer", description = "Layer whose component shares are shown (default: the layer with the "
            + "most MACs).")
    String layer;

    @Option(names = "--bits", split = ",", defaultValue = "8,4",
            description = "Uniform strategies bIn = bW = bPs (default: ${DEFAULT-VALUE}).")
    List<Integer> bits;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        HardwarePreset hardware = preset.preset();
        FoldedNetwork network;
        try (TrainedModel m = TrainedModels.load(model, dataset)) {
            network = m.fold();
        }
        NetworkTiling tiling = NetworkTiling.of(network, ArrayConfig.defaults(), TileGrouping.PER_LAYER);
        LayerTiling shown = tiling.layers().stream().filter(l -> layer == null || l.layer().equals(layer))
                .max((a, b) -> Long.compare(a.macs(), b.macs()))
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "--layer: no layer '"
                        + layer + "' in " + model + " (layers: "
                        + tiling.layers().stream().map(LayerTiling::layer).toList() + ")"));
        System.out.printf(Locale.ROOT, "# preset %s: %s%n", hardware.name(), hardware.source());
        System.out.printf(Locale.ROOT, "# network %s on %s; layer %s: %dx%d k=%d, %d tiles, %d MACs%n", model,
                tiling.config().describe(), shown.layer(), shown.inChannels(), shown.outChannels(), shown.kernel(),
                shown.tiles().size(), shown.macs());
        for (Fidelity machine : Fidelity.values()) {
            CostModel cost = CostModel.of(machine, hardware);
            for (int b : bits) {
                TilePrecisions p = TilePrecisions.uniform(b);
                NetworkCost net = cost.cost(tiling, Collections.nCopies(tiling.tiles().size(), p));
                double adc = 0;
                double crossbar = 0;
                double dac = 0;
                double readout = 0;
                double shiftAdd = 0;
                double buffer = 0;
                double latency = 0;
                for (ArrayTile t : shown.tiles()) {
                    TileCost c = net.tiles().get(t.index());
                    adc += c.adcEnergyPj();
                    crossbar += c.crossbarEnergyPj();
                    dac += c.dacEnergyPj();
                    readout += c.columnReadoutEnergyPj();
                    shiftAdd += c.shiftAddEnergyPj();
                    buffer += c.bufferEnergyPj();
                    latency = Math.max(latency, c.latencyNs());
                }
                double total = adc + crossbar + dac + readout + shiftAdd + buffer;
                System.out.printf(Locale.ROOT, "%s %d-bit layer %s energy %.4g pJ: ADC %.1f%%, crossbar %.1f%%, "
                                + "DAC/input drive %.1f%%, column readout %.1f%%, shift-add %.1f%%, buffers %.1f%%; "
                                + "latency %.4g ns%n", name(machine), b, shown.layer(), total, 100 * adc / total,
                        100 * crossbar / total, 100 * dac / total, 100 * readout / total, 100 * shiftAdd / total,
                        100 * buffer / total, latency);
                System.out.printf(Locale.ROOT, "%s %d-bit network: %.4g pJ, %.4g ns, TOPS/W %.3f, TOPS/mm^2 %.4f "
                                + "(chip per strategy, %.4g mm^2) / %.4f (reconfigurable, %.4g mm^2), %d conversions%n",
                        name(machine), b, net.energyPj(), net.latencyNs(), net.topsPerWatt(), net.topsPerMm2(),
                        net.areaUm2() * 1e-6, net.reconfigurableTopsPerMm2(), net.reconfigurableAreaUm2() * 1e-6,
                        net.conversions());
            }
        }
        printArea(hardware, tiling.config(), 8);
        return 0;
    }

    /** One array's area by component, at {@code adcBits}. */
    private static void printArea(HardwarePreset h, ArrayConfig config, int adcBits) {
        double cells = config.rows() * config.columns() * h.cellAreaUm2();
        double adcs = h.adcsPerArray(config.columns()) * h.adc().areaUm2(adcBits);
        double dacs = config.rows() * h.dacAreaUm2();
        double readout = config.columns() * h.columnReadoutAreaUm2();
        double shiftAdd = h.shiftAddsPerArray() * h.shiftAddAreaUm2(adcBits);
        double periphery = h.peripheryAreaUm2PerArray();
        double total = cells + adcs + dacs + readout + shiftAdd + periphery;
        System.out.printf(Locale.ROOT, "array area at %d ADC bits %.4g um^2: crossbar %.1f%%, ADCs (%d) %.1f%%, "
                        + "DACs/input drive %.1f%%, column readout %.1f%%, shift-add %.1f%%, buffers/periphery %.1f%%%n",
                adcBits, total, 100 * cells / total, h.adcsPerArray(config.columns()), 100 * adcs / total,
                100 * dacs / total, 100 * readout / total, 100 * shiftAdd / total, 100 * periphery / total);
    }

    private static String name(Fidelity f) {
        return f.name().toLowerCase(Locale.ROOT);
    }
}
