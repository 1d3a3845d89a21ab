package org.cim2pq.sim.cim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.cim2pq.sim.cim.SyntheticNetworks;
import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.array.WeightEncoding;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;
import org.junit.jupiter.api.Test;

/** Both machines' cost models against hand computations with the ISAAC constants (METHOD.md section 3). */
class CostModelTest {

    static final HardwarePreset ISAAC = HardwarePreset.ISAAC_32NM;
    static final double CELL_PJ = 30.0 / 16384;
    static final double BUFFER_PJ_PER_BIT = 0.12109375 + 0.079882813;

    /** conv 3x3 64->64 (pad 1) on an 8x8 map: 5 row blocks x 4 column blocks of 16 channels; then fc 64->10. */
    static NetworkTiling handTiling(ArrayConfig config) {
        List<NetworkOp> ops = List.of(
                new NetworkOp.Conv("conv", FoldedNetwork.INPUT, "c", 64, 64, 3, 1, 1, new float[64 * 64 * 9],
                        new float[64]),
                new NetworkOp.GlobalAvgPool("c", "g"),
                new NetworkOp.Linear("fc", "g", "logits", 64, 10, new float[640], new float[10]));
        return NetworkTiling.of(new FoldedNetwork("hand", new int[] {64, 8, 8}, ops, "logits"), config);
    }

    static NetworkTiling handTiling() {
        return handTiling(ArrayConfig.defaults());
    }

    @Test
    void isaacPresetHoldsItsCitedConstants() {
        AdcTable adc = ISAAC.adc();
        double[] energy = {0.79, 0.99, 1.20, 1.42, 1.67, 1.969078145, 2.379022742};
        double[] area = {361.04, 476.91, 626.91, 845.18, 1200, 1827.911647, 3002.008032};
        for (int b = 4; b <= 10; b++) {
            assertEquals(energy[b - 4], adc.energyPj(b), 1e-12, "E_adc(" + b + ")");
            assertEquals(area[b - 4], adc.areaUm2(b), 1e-9, "A_adc(" + b + ")");
        }
        // below the table: 0.79 / (0.99 / 0.79) = 0.630
        assertEquals(0.630, adc.energyPj(3), 1e-3);
        assertEquals(0.41667, ISAAC.dacEnergyPj(), 1e-12);
        assertEquals(0.166, ISAAC.dacAreaUm2(), 1e-3);
        assertEquals(0.021, ISAAC.shiftAddEnergyPj(8), 1e-12);
        assertEquals(60, ISAAC.shiftAddAreaUm2(8), 1e-12);
        // one 8-bit ADC at 1.28 GS/s per 128x128 array: 128 conversions fill ISAAC's 100 ns read cycle exactly
        assertEquals(1, ISAAC.adcsPerArray(128));
        assertEquals(1 / 1.28, adc.conversionNs(8), 1e-12);
        assertEquals(100, ISAAC.readNs(), 0);
        assertEquals(ISAAC.readNs(), 128 * adc.conversionNs(8), 1e-9);
        // 2.4 mW for 8 arrays at 100 ns: 30 pJ per array read
        assertEquals(CELL_PJ, ISAAC.cellReadEnergyPj(), 1e-15);
        assertEquals(32, ISAAC.technologyNm());
    }

    @Test
    void neuroSimPresetFollowsNeuroSimsOwnModels() {
        HardwarePreset ns = HardwarePreset.byName("neurosim-22nm");
        AdcTable adc = ns.adc();
        // SarADC.cpp (22 nm LP): E(b) = [(0.538 b + 4.3753) uW + K] x (b + 1) ns, K the column-resistance term,
        // one K for every resolution of the same array
        double k = adc.energyPj(1) / 2e3 - (0.538 + 4.3753) * 1e-6;
        assertEquals(11.46e-6, k, 0.01e-6);
        for (int b = 1; b <= 10; b++) {
            assertEquals(((0.538 * b + 4.3753) * 1e-6 + k) * (b + 1) * 1e3, adc.energyPj(b), 1e-5, "E_adc(" + b + ")");
            // conversion: (b + 1) cycles at 1 GHz x beta 1.4
            assertEquals((b + 1) * 1.4, adc.conversionNs(b), 1e-6);
        }
        // SarADC.cpp area: A_N (269 + 109 (b - 1)) + A_P (209 + 73 (b - 1)): linear in b, 478 gate units at 1 bit
        double perBit = adc.areaUm2(2) - adc.areaUm2(1);
        for (int b = 2; b <= 10; b++) {
            assertEquals(perBit, adc.areaUm2(b) - adc.areaUm2(b - 1), 1e-3);
        }
        // Param.cpp: 8 columns per ADC; 1T1R cells of 4F x 12F at F = 22 nm
        assertEquals(16, ns.adcsPerArray(128));
        assertEquals(48 * 0.022 * 0.022, ns.cellAreaUm2(), 1e-6);
        assertEquals(22, ns.technologyNm());
        // no ISAAC constant in it
        assertTrue(ns.dacEnergyPj() != ISAAC.dacEnergyPj() && ns.shiftAddEnergyPj(8) != ISAAC.shiftAddEnergyPj(8));
    }

    @Test
    void eachMachineHasItsOwnCostModel() {
        for (HardwarePreset preset : HardwarePreset.presets()) {
            assertEquals(Fidelity.BITSERIAL, CostModel.of(Fidelity.BITSERIAL, preset).machine());
            assertEquals(Fidelity.PSUM, CostModel.of(Fidelity.PSUM, preset).machine());
        }
    }

    @Test
    void bitserialConversionsAreInputBitsTimesSlicesTimesPolarityColumnsTimesChannels() {
        NetworkTiling tiling = handTiling();
        CostModel model = CostModel.of(Fidelity.BITSERIAL, ISAAC);
        // conv tile (16 output channels): M = 64 pixels, bIn = 8, slices(8) = ceil(7/2) = 4, 2 polarity columns
        // -> 64 * 8 * 4 * 2 * 16 = 65,536 per tile, x 20 tiles; fc tile (10 channels): 1 * 8 * 4 * 2 * 10 = 640.
        NetworkCost c8 = model.cost(tiling, Collections.nCopies(21, TilePrecisions.uniform(8)));
        assertEquals(65_536, c8.tiles().get(0).conversions());
        assertEquals(640, c8.tiles().get(20).conversions());
        assertEquals(20L * 65_536 + 640, c8.conversions());
        // odd bW: a 5-bit sign-magnitude weight has 4 magnitude bits, 2 slices (not 3): 64 * 8 * 2 * 2 * 16
        NetworkCost w5 = model.cost(tiling, Collections.nCopies(21, new TilePrecisions(8, 5, 8)));
        assertEquals(32_768, w5.tiles().get(0).conversions());
        // bW = 3 is one slice, the same columns as bW = 2
        NetworkCost w3 = model.cost(tiling, Collections.nCopies(21, new TilePrecisions(8, 3, 8)));
        NetworkCost w2 = model.cost(tiling, Collections.nCopies(21, new TilePrecisions(8, 2, 8)));
        assertEquals(16_384, w3.tiles().get(0).conversions());
        assertEquals(w2.energyPj(), w3.energyPj(), 1e-9);
        // a lossless ADC is costed at the lossless column width ceil(log2(128 * 3 + 1)) = 9 bits
        assertEquals(9, model.tileCost(tiling, tiling.tiles().get(0), TilePrecisions.lossless(8, 8)).adcBits());
    }

    @Test
    void bitserialTileEnergyLatencyAndAreaByHand() {
        NetworkTiling tiling = handTiling();
        TileCost t = CostModel.of(Fidelity.BITSERIAL, ISAAC).tileCost(tiling, tiling.tiles().get(0),
                TilePrecisions.uniform(8));
        // tile conv/r0c0: 14 input channels x 9 = 126 rows, 16 channels x 4 slices x 2 = 128 columns, M = 64
        assertEquals(65_536 * 1.67, t.adcEnergyPj(), 1e-6);
        assertEquals(64.0 * 8 * 126 * 128 * CELL_PJ, t.crossbarEnergyPj(), 1e-6);
        assertEquals(64.0 * 8 * 126 * 0.41667, t.dacEnergyPj(), 1e-6);
        assertEquals(65_536 * 0.0009765625, t.columnReadoutEnergyPj(), 1e-9);
        assertEquals(65_536 * 0.021, t.shiftAddEnergyPj(), 1e-9);
        assertEquals(64.0 * (126 * 8 + 16 * 16) * BUFFER_PJ_PER_BIT, t.bufferEnergyPj(), 1e-6);
        // cycle: max(100 ns read, 128 columns x 0.78125 ns on the one ADC) = 100 ns; 64 MVMs x 8 cycles
        assertEquals(100, t.cycleNs(), 1e-9);
        assertEquals(64 * 8 * 100, t.latencyNs(), 1e-6);
        // 10-bit ADC: 128 x 10 / 10.24 = 125 ns, now the ADC sets the cycle
        TileCost t10 = CostModel.of(Fidelity.BITSERIAL, ISAAC).tileCost(tiling, tiling.tiles().get(0),
                new TilePrecisions(8, 8, 10));
        assertEquals(125, t10.cycleNs(), 1e-9);
        // area of one array: cells 25 + one ADC + 128 DACs + 128 S+H + half a shift-add + buffers
        double periphery = 25 + 128 * 0.166015625 + 128 * 0.0390625 + 0.5 * 60 + 1223.33;
        assertEquals(periphery + 1200, t.areaUm2(), 1e-6);
        assertEquals(periphery + 3002.008032, t.reconfigurableAreaUm2(), 1e-6);
    }

    @Test
    void psumConvertsOncePerOutputChannelPerMvm() {
        NetworkTiling tiling = handTiling();
        CostModel model = CostModel.of(Fidelity.PSUM, ISAAC);
        NetworkCost c = model.cost(tiling, Collections.nCopies(21, new TilePrecisions(8, 7, 6)));
        // conv tile: 64 MVMs x 16 channels; fc: 1 x 10; independent of bIn and bW
        assertEquals(1024, c.tiles().get(0).conversions());
        assertEquals(10, c.tiles().get(20).conversions());
        TileCost t = c.tiles().get(0);
        assertEquals(1024 * 1.20, t.adcEnergyPj(), 1e-9);
        // the same cell reads and DAC drives as the bit-serial machine: bIn cycles of 126 rows x 16 x 3 x 2 columns
        assertEquals(64.0 * 8 * 126 * 96 * CELL_PJ, t.crossbarEnergyPj(), 1e-6);
        assertEquals(64.0 * 8 * 126 * 0.41667, t.dacEnergyPj(), 1e-6);
        // analog accumulation: one sample per column per cycle
        assertEquals(64.0 * 8 * 96 * 0.0009765625, t.columnReadoutEnergyPj(), 1e-9);
        assertEquals(1024 * 0.021, t.shiftAddEnergyPj(), 1e-9);
        // per MVM: max(8 reads x 100 ns, 16 conversions x 6 / 10.24 ns) = 800 ns
        assertEquals(64 * 800, t.latencyNs(), 1e-6);
        // lossless psum: the whole signed sum, ceil(log2(2 * 128 * 255 * 63 + 1)) = 22 bits
        assertEquals(22, model.tileCost(tiling, tiling.tiles().get(0), TilePrecisions.lossless(8, 7)).adcBits());
        // far fewer conversions than the bit-serial machine for the same strategy
        NetworkCost b = CostModel.of(Fidelity.BITSERIAL, ISAAC).cost(tiling,
                Collections.nCopies(21, new TilePrecisions(8, 7, 6)));
        assertEquals(64L * 8 * 3 * 2 * 16, b.tiles().get(0).conversions());
        assertTrue(c.energyPj() < b.energyPj());
    }

    @Test
    void offsetEncodingConvertsItsOffsetColumnLosslessly() {
        ArrayConfig offset = ArrayConfig.builder().optWeightEncoding(WeightEncoding.OFFSET_COLUMN).build();
        NetworkTiling tiling = handTiling(offset);
        // 31 channels per column block: tile conv/r0c0 has 31 channels x ceil(6/2) = 3 slices + the offset column
        TileCost t = CostModel.of(Fidelity.BITSERIAL, ISAAC).tileCost(tiling, tiling.tiles().get(0),
                new TilePrecisions(8, 6, 5));
        assertEquals(64L * 8 * (31 * 3 + 1), t.conversions());
        // weight columns at 5 bits, the offset column at ceil(log2(128 + 1)) = 8 bits
        assertEquals(64.0 * 8 * 31 * 3 * 0.99 + 64.0 * 8 * 1.67, t.adcEnergyPj(), 1e-6);
    }

    @Test
    void pipelinedLatencyIsTheSlowestLayer() {
        NetworkTiling tiling = handTiling();
        List<TilePrecisions> s = Collections.nCopies(21, TilePrecisions.uniform(6));
        for (Fidelity machine : Fidelity.values()) {
            NetworkCost sequential = CostModel.of(machine, ISAAC).cost(tiling, s);
            NetworkCost pipelined = CostModel.of(machine, ISAAC, LatencyMode.PIPELINED).cost(tiling, s);
            assertEquals(sequential.layerLatencyNs().stream().mapToDouble(Double::doubleValue).sum(),
                    sequential.latencyNs(), 1e-9);
            assertEquals(sequential.layerLatencyNs().stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                    pipelined.latencyNs(), 1e-9);
            assertTrue(sequential.topsPerWatt() > 0 && sequential.topsPerMm2() > 0
                    && sequential.reconfigurableTopsPerMm2() > 0 && sequential.energyDelayProduct() > 0);
        }
    }

    /** Property: lowering any one precision of any tile never raises energy, area or latency, on either machine. */
    @Test
    void costNeverRisesWhenAPrecisionIsLowered() {
        NetworkTiling tiling = NetworkTiling.of(SyntheticNetworks.tinyResNet(3, 16),
                ArrayConfig.builder().optSize(64, 64).build());
        int n = tiling.tiles().size();
        Random rnd = new Random(42);
        for (HardwarePreset preset : HardwarePreset.presets()) {
            for (Fidelity machine : Fidelity.values()) {
                CostModel model = CostModel.of(machine, preset);
                for (int trial = 0; trial < 200; trial++) {
                    List<TilePrecisions> s = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        s.add(new TilePrecisions(3 + rnd.nextInt(6), 3 + rnd.nextInt(6), 3 + rnd.nextInt(8)));
                    }
                    NetworkCost before = model.cost(tiling, s);
                    int tile = rnd.nextInt(n);
                    TilePrecisions p = s.get(tile);
                    int which = rnd.nextInt(3);
                    TilePrecisions lowered = new TilePrecisions(p.inputBits() - (which == 0 ? 1 : 0),
                            p.weightBits() - (which == 1 ? 1 : 0), p.psumBits() - (which == 2 ? 1 : 0));
                    List<TilePrecisions> t = new ArrayList<>(s);
                    t.set(tile, lowered);
                    NetworkCost after = model.cost(tiling, t);
                    String what = preset.name() + " " + machine + " tile " + tile + " " + p + " -> " + lowered;
                    assertTrue(after.energyPj() <= before.energyPj(), "energy rose: " + what);
                    assertTrue(after.areaUm2() <= before.areaUm2(), "area rose: " + what);
                    assertTrue(after.latencyNs() <= before.latencyNs(), "latency rose: " + what);
                    assertEquals(before.reconfigurableAreaUm2(), after.reconfigurableAreaUm2(), 1e-6);
                    if (which == 2) {
                        assertTrue(after.energyPj() < before.energyPj(), "fewer ADC bits must save energy: " + what);
                    }
                }
            }
        }
    }

    @Test
    void aPresetFileNamesTheKeyItLacks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PresetSheet.parse("broken", new java.util.Properties()));
        assertEquals("preset broken: name is missing", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HardwarePreset.byName("isaac-45nm"));
    }
}
