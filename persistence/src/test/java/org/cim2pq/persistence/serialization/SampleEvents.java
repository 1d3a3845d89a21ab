package org.cim2pq.persistence.serialization;

import com.google.protobuf.Message;
import java.util.List;
import org.cim2pq.persistence.proto.BornStrategy;
import org.cim2pq.persistence.proto.CandidateFate;
import org.cim2pq.persistence.proto.CrossoverApplied;
import org.cim2pq.persistence.proto.EvaluationFailed;
import org.cim2pq.persistence.proto.EvaluationRequest;
import org.cim2pq.persistence.proto.SearchSnapshot;
import org.cim2pq.persistence.proto.GenerationStarted;
import org.cim2pq.persistence.proto.MutationApplied;
import org.cim2pq.persistence.proto.MutationSite;
import org.cim2pq.persistence.proto.MutationState;
import org.cim2pq.persistence.proto.PopulationInitialized;
import org.cim2pq.persistence.proto.Provenance;
import org.cim2pq.persistence.proto.LayerPin;
import org.cim2pq.persistence.proto.PlatformConfiguration;
import org.cim2pq.persistence.proto.SearchSpaceDescription;
import org.cim2pq.persistence.proto.TileSite;
import org.cim2pq.persistence.proto.SearchCompleted;
import org.cim2pq.persistence.proto.SearchStarted;
import org.cim2pq.persistence.proto.SelectionApplied;
import org.cim2pq.persistence.proto.StrategyEvaluated;

/** One filled-in instance of every journal message, as a small real search would write them. */
final class SampleEvents {

    private SampleEvents() {}

    static List<Message> all() {
        Provenance provenance = Provenance.newBuilder().setModel("lenet5").setModelFingerprint("sha256:9b1d")
                .setDataset("fashion-mnist").setDataFingerprint("sha256:40aa").setSeed(42)
                .setConfig("{\"population\":12,\"generations\":3}").setCodeVersion("0.1.0-SNAPSHOT+abc").build();
        MutationState mutation = MutationState.newBuilder().setFactor(1.5).setStagnantGenerations(1)
                .setBestHypervolume(0.61).build();
        MutationSite site = MutationSite.newBuilder().setGene(7).setOldValue(6).setNewValue(5).build();
        CandidateFate fate = CandidateFate.newBuilder().setStrategyId("g1-4").setFront(0).setReferencePoint(12)
                .setDistance(0.031).setNicheCount(2).setQuotaMember(true).setSurvived(true).build();
        BornStrategy born = BornStrategy.newBuilder().setStrategyId("g0-0").setGenome("666666").setOrigin("uniform-8")
                .build();
        TileSite tile = TileSite.newBuilder().setLayerIndex(1).setLayer("conv2").setRowBlock(1).setColumnBlock(0)
                .setTileId("conv2/r1c0").setGroup("conv2").build();
        LayerPin pin = LayerPin.newBuilder().setLayerIndex(0).setInputBits(8).setWeightBits(8).setPartialSumBits(8)
                .build();
        SearchSpaceDescription space = SearchSpaceDescription.newBuilder().setGranularity("array").addTiles(tile)
                .addAllInputBits(List.of(2, 4, 8)).addAllWeightBits(List.of(2, 4, 8)).addAllPartialSumBits(List.of(4, 8))
                .addPins(pin).addTileSensitivity(0.25).build();
        PlatformConfiguration platform = PlatformConfiguration.newBuilder().setModel("lenet5")
                .setModelFingerprint("sha256:9b1d/psum").setDataset("fashion-mnist").setDataFingerprint("sha256:40aa")
                .setFidelity("psum").setPreset("isaac-32nm").setArrayRows(128).setArrayColumns(128).setCellBits(2)
                .setWeightEncoding("differential").setCalibrationImages(256).setSearchImages(1000).setSubsetSeed(0)
                .setTileGrouping("per-layer").build();
        org.cim2pq.persistence.proto.EvaluationProtocol protocol = org.cim2pq.persistence.proto.EvaluationProtocol
                .newBuilder().setMachine("bitserial").setPreset("isaac-32nm").setImages("search").setImageCount(1000)
                .setSubsetSeed(0).build();
        return List.of(
                tile, pin, space, platform, protocol,
                org.cim2pq.persistence.proto.StrategyReevaluated.newBuilder().setStrategyId("g3-0")
                        .setProtocol(protocol).addObjectives(12.4).addObjectives(9350.0).addObjectives(880.0)
                        .addObjectives(91000.0).putMetrics("tops_per_w", 3.1).setEvaluator("reevaluation")
                        .setEvaluationNanos(410_000_000L).build(),
                SearchStarted.newBuilder().setSearchId("demo").setFormatVersion(1).setProvenance(provenance)
                        .setSearchSpaceFingerprint("sha256:77c2").setUnits(2).setGenes(6)
                        .setStartedAtEpochMs(1_795_000_000_000L).addObjectives("error").addObjectives("energy_pj")
                        .addObjectives("latency_ns").addObjectives("area_um2").setPopulation(12).setGenerations(3)
                        .setSelection("qnsga3").setQuota(0.2).setAccuracyTolerance(5.0).setGranularity("array")
                        .build(),
                PopulationInitialized.newBuilder().addStrategies(born)
                        .addStrategies(born.toBuilder().setStrategyId("g0-1").setGenome("031402").setOrigin("random"))
                        .build(),
                GenerationStarted.newBuilder().setGeneration(1).setMutation(mutation).setMutationProbability(0.05)
                        .build(),
                CrossoverApplied.newBuilder().setGeneration(1).setChildId("g1-4").setFirstParent("g0-0")
                        .setSecondParent("g0-1").setMask("AB").build(),
                MutationApplied.newBuilder().setGeneration(1).setChildId("g1-4").addSites(site).setGenome("666452")
                        .setProbability(0.05).build(),
                StrategyEvaluated.newBuilder().setStrategyId("g1-4").addObjectives(0.118).addObjectives(5120.5)
                        .addObjectives(880.0).addObjectives(91000.0).putMetrics("tops_per_w", 14.2).setAttempt(1)
                        .setEvaluator("pipeline-0").setEvaluationNanos(250_000_000L).build(),
                EvaluationFailed.newBuilder().setStrategyId("g1-5").setReason("tile group 2 crashed 3 times")
                        .setAttempts(3).build(),
                SelectionApplied.newBuilder().setGeneration(1).addSurvivors("g1-4").addSurvivors("g0-0")
                        .addFates(fate).setHypervolume(0.64).build(),
                SearchCompleted.newBuilder().setGenerations(3).addFront("g1-4").addFront("g3-0")
                        .setHypervolume(0.7).build(),
                provenance, born, mutation, site, fate,
                org.cim2pq.persistence.proto.EliminatedDuplicate.newBuilder().setStrategyId("g2-3").setSameAs("g1-4")
                        .build(),
                SearchSnapshot.newBuilder().setStarted(SearchStarted.newBuilder().setSearchId("demo").setFormatVersion(1))
                        .setGeneration(2).addStrategies(born).addResults(StrategyEvaluated.newBuilder()
                                .setStrategyId("g0-0").addObjectives(0.1).setAttempt(1))
                        .addFailed("g1-5\tcrashed").setEvaluations(30).addIdeal(0.1).addIdeal(200.0).addInitial("g0-0").addPopulation("g0-0").addBirths("g2-0")
                        .setMutation(mutation).setSelectedGeneration(1).setHypervolume(0.64).build(),
                EvaluationRequest.newBuilder().setSearchId("demo").setStrategyId("g2-0").setGenome("666452")
                        .setAttempt(2).build(),
                org.cim2pq.persistence.proto.SubmitEvaluation.newBuilder().setJob(EvaluationRequest.newBuilder()
                        .setSearchId("demo").setStrategyId("g2-0").setGenome("666452").setAttempt(1))
                        .setReplyTo("pekko://cim2pq/user/search-demo/$a").build(),
                org.cim2pq.persistence.proto.WorkRequest.newBuilder().setPipeline("pekko://cim2pq/user/node/pipeline-0")
                        .build(),
                org.cim2pq.persistence.proto.WorkAssigned.newBuilder().setJob(EvaluationRequest.newBuilder()
                        .setSearchId("demo").setStrategyId("g2-1").setGenome("666452").setAttempt(1)).build(),
                org.cim2pq.persistence.proto.WorkCompleted.newBuilder().setJob(EvaluationRequest.newBuilder()
                        .setSearchId("demo").setStrategyId("g2-1").setGenome("666452").setAttempt(1))
                        .setResult(StrategyEvaluated.newBuilder().setStrategyId("g2-1").addObjectives(9.5)
                                .setAttempt(1).setEvaluator("pipeline-1").setEvaluationNanos(12)).build(),
                org.cim2pq.persistence.proto.WorkFailed.newBuilder().setJob(EvaluationRequest.newBuilder()
                        .setSearchId("demo").setStrategyId("g2-2").setGenome("666452").setAttempt(3))
                        .setReason("tile group 0 did not answer within 300 s").build(),
                org.cim2pq.persistence.proto.SearchProgressRequest.newBuilder()
                        .setReplyTo("pekko://cim2pq/temp/$a").build(),
                org.cim2pq.persistence.proto.SearchStopRequest.getDefaultInstance(),
                org.cim2pq.persistence.proto.SearchProgress.newBuilder().setSearchId("demo").setGeneration(2)
                        .setGenerations(4).setBirths(12).setResolvedBirths(5).setEvaluations(29).setFailed(1)
                        .setFrontSize(6).setHypervolume(1.31).addFront("g1-4").build());
    }
}
