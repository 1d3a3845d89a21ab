package org.cim2pq.sim.cim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.cim2pq.sim.cim.SyntheticNetworks;
import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;
import org.junit.jupiter.api.Test;

class CostModelTest {

    static NetworkTiling handTiling() {
        List<NetworkOp> ops = List.of(
                new NetworkOp.Conv("conv", FoldedNetwork.INPUT, "c", 64, 64, 3, 1, 1, new float[64 * 64 * 9],
                        new float[64]),
                new NetworkOp.GlobalAvgPool("c", "g"),
                new NetworkOp.Linear("fc", "g", "logits", 64, 10, new float[640], new float[10]));
        return NetworkTiling.of(new FoldedNetwork("hand", new int[] {64, 8, 8}, ops, "logits"),
                ArrayConfig.defaults());
    }

    @Test
    void isaacEightBitConversionCosts1_67pJ() {
        assertEquals(1.67, HardwarePreset.ISAAC_32NM.adc().energyPj(8), 1e-12);
        assertEquals(1200, HardwarePreset.ISAAC_32NM.adc().areaUm2(8), 1e-9);
        assertEquals(0.79, HardwarePreset.ISAAC_32NM.adc().energyPj(4), 1e-12);
        assertEquals(2.38, HardwarePreset.ISAAC_32NM.adc().energyPj(10), 1e-12);
        // below the table: 0.79 / (0.99 / 0.79) = 0.630
        assertEquals(0.630, HardwarePreset.ISAAC_32NM.adc().energyPj(3), 1e-3);
    }

    @Test
    void neuroSimSarAdcFollowsSarAdcCpp() {
        // b = 8, R' = 100 kOhm: P = (0.538*8 + 4.3753) uW + 0.072341 * exp(-2.303 * 5) W
        //   = 8.6793 uW + 0.7227 uW = 9.4020 uW; E = P * 9 ns = 84.6 fJ
        assertEquals(0.0846, HardwarePreset.NEUROSIM_SAR_22NM.adc().energyPj(8), 1e-4);
        assertEquals(9.0, HardwarePreset.NEUROSIM_SAR_22NM.adc().conversionNs(8), 1e-12);
    }

    @Test
    void conversionCountsMatchHandComputation() {
        NetworkTiling tiling = handTiling();
        CostModel model = CostModel.of(HardwarePreset.ISAAC_32NM);
        // conv tile (16 output channels): M = 64 pixels, cycles = bIn = 8, cols = 16 * ceil(8/2) * 2 = 128
        // -> 64 * 8 * 128 = 65,536 conversions per tile, x 20 tiles = 1,310,720.
        // fc tile (10 channels): M = 1, cycles 8, cols = 10 * 4 * 2 = 80 -> 640 conversions.
        NetworkCost c8 = model.cost(tiling, Collections.nCopies(21, TilePrecisions.uniform(8)));
        assertEquals(65_536, c8.tiles().get(0).conversions());
        assertEquals(640, c8.tiles().get(20).conversions());
        assertEquals(20L * 65_536 + 640, c8.conversions());
        // bIn = 4, bW = 4: cycles 4, cols = 16 * 2 * 2 = 64 -> 64 * 4 * 64 = 16,384 per conv tile; fc 4 * 40 = 160.
        NetworkCost c4 = model.cost(tiling, Collections.nCopies(21, TilePrecisions.uniform(4)));
        assertEquals(20L * 16_384 + 160, c4.conversions());
        // ADC energy of a conv tile at 8 bits: 65,536 * 1.67 pJ
        assertEquals(65_536 * 1.67, c8.tiles().get(0).adcEnergyPj(), 1e-6);
        // latency of a conv tile: M * cycles * ceil(128 cols / 16 ADCs) * t_adc(8) = 64 * 8 * 8 * (8 / 8 / 1.28) ns
        assertEquals(64 * 8 * 8 / 1.28, c8.tiles().get(0).latencyNs(), 1e-6);
        // a lossless ADC is costed at the lossless width ceil(log2(128 * 3 + 1)) = 9 bits
        assertEquals(9, model.tileCost(tiling, tiling.tiles().get(0), TilePrecisions.lossless(8, 8)).adcBits());
        assertTrue(c8.topsPerWatt() > 0 && c8.topsPerMm2() > 0 && c8.energyDelayProduct() > 0);
    }

    @Test
    void pipelinedLatencyIsTheSlowestLayer() {
        NetworkTiling tiling = handTiling();
        List<TilePrecisions> s = Collections.nCopies(21, TilePrecisions.uniform(6));
        NetworkCost sequential = CostModel.of(HardwarePreset.ISAAC_32NM).cost(tiling, s);
        NetworkCost pipelined = CostModel.of(HardwarePreset.ISAAC_32NM, LatencyMode.PIPELINED).cost(tiling, s);
        assertEquals(sequential.layerLatencyNs().stream().mapToDouble(Double::doubleValue).sum(),
                sequential.latencyNs(), 1e-9);
        assertEquals(sequential.layerLatencyNs().stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                pipelined.latencyNs(), 1e-9);
    }

    /** Property: lowering any one precision of any tile never raises energy or area (nor latency). */
    @Test
    void costNeverRisesWhenAPrecisionIsLowered() {
        NetworkTiling tiling = NetworkTiling.of(SyntheticNetworks.tinyResNet(3, 16),
                ArrayConfig.builder().optSize(64, 64).build());
        int n = tiling.tiles().size();
        Random rnd = new Random(42);
        for (HardwarePreset preset : HardwarePreset.presets()) {
            CostModel model = CostModel.of(preset);
            for (int trial = 0; trial < 200; trial++) {
                List<TilePrecisions> s = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    s.add(new TilePrecisions(3 + rnd.nextInt(6), 3 + rnd.nextInt(6), 3 + rnd.nextInt(8)));
                }
                NetworkCost before = model.cost(tiling, s);
                int tile = rnd.nextInt(n);
                TilePrecisions p = s.get(tile);
                int which = rnd.nextInt(3);
                int down = 1; // from >= 3 bits, so every lowered precision stays valid (>= 2)
                TilePrecisions lowered = new TilePrecisions(p.inputBits() - (which == 0 ? down : 0),
                        p.weightBits() - (which == 1 ? down : 0), p.psumBits() - (which == 2 ? down : 0));
                List<TilePrecisions> t = new ArrayList<>(s);
                t.set(tile, lowered);
                NetworkCost after = model.cost(tiling, t);
                String what = preset.name() + " tile " + tile + " " + p + " -> " + lowered;
                assertTrue(after.energyPj() <= before.energyPj(), "energy rose: " + what);
                assertTrue(after.areaUm2() <= before.areaUm2(), "area rose: " + what);
                assertTrue(after.latencyNs() <= before.latencyNs(), "latency rose: " + what);
                if (which == 2) {
                    assertTrue(after.energyPj() < before.energyPj(), "fewer ADC bits must save energy: " + what);
                }
            }
        }
    }
}
