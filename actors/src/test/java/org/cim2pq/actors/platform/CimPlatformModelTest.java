package org.cim2pq.actors.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cim2pq.sim.cim.cost.HardwarePreset;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.junit.jupiter.api.Test;

/** The platform's fingerprint names the machine and the technology, so a resume on another one is refused. */
class CimPlatformModelTest {

    static CimPlatformModel lenet(Fidelity fidelity, String preset) {
        return CimPlatformModel.builder().setModel("lenet5").setDataset("fashion-mnist").optFidelity(fidelity)
                .optPreset(HardwarePreset.byName(preset)).optEvaluationImages(8).optCalibrationImages(8).build();
    }

    @Test
    void fingerprintNamesFidelityAndPreset() {
        CimPlatformModel isaac = lenet(Fidelity.PSUM, "isaac-32nm");
        CimPlatformModel neuroSim = lenet(Fidelity.PSUM, "neurosim-22nm");
        CimPlatformModel bitserial = lenet(Fidelity.BITSERIAL, "isaac-32nm");
        // the default preset keeps the fingerprint journals had before presets existed
        assertTrue(isaac.fingerprint().endsWith("/psum"), isaac.fingerprint());
        assertTrue(neuroSim.fingerprint().endsWith("/psum/neurosim-22nm"), neuroSim.fingerprint());
        assertNotEquals(isaac.fingerprint(), neuroSim.fingerprint());
        assertNotEquals(isaac.fingerprint(), bitserial.fingerprint());
        assertEquals("neurosim-22nm", neuroSim.preset().name());
        assertEquals("neurosim-22nm", neuroSim.platform().getPreset());
        assertEquals("isaac-32nm", isaac.platform().getPreset());
        assertEquals(isaac.fingerprint(), lenet(Fidelity.PSUM, "isaac-32nm").fingerprint());
    }
}
