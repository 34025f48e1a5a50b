package org.sersic4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sersic4j.learn.TrainingConfig;
import org.sersic4j.learn.cnn.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sersic4j train}: trains the CNN estimator on galaxies rendered on the fly. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the GaLNet-style CNN on galaxies rendered on the fly (configs/train-cnn.yaml is the shipped "
                + "model's recipe). Writes DIR/model.zip and DIR/model.json (the best model), a checkpoint after every epoch, "
                + "and train-config.yaml; --resume continues a stopped run from its checkpoint."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE.yaml", description = "Training configuration (YAML).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (overrides 'output').")
    Path out;

    @Option(names = "--max-minutes", paramLabel = "M", description = "Wall-clock budget (overrides training.maxMinutes).")
    Double maxMinutes;

    @Option(names = "--resume", description = "Continue from the output directory's checkpoint.")
    boolean resume;

    @Option(names = "--calibrate-only", description = "Only (re)calibrate the uncertainties of the model already in the output directory.")
    boolean calibrateOnly;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        if (maxMinutes != null && !(maxMinutes > 0 && Double.isFinite(maxMinutes)))
            throw new IllegalArgumentException("--max-minutes must be a positive number (got " + maxMinutes + ")");
        TrainingConfig cfg = TrainingConfig.load(config);
        if (maxMinutes != null) {
            var t = cfg.training();
            cfg = new TrainingConfig(cfg.output(), cfg.seed(), cfg.data(), cfg.network(),
                    new TrainingConfig.Training(t.batchSize(), t.batchesPerEpoch(), t.maxEpochs(), t.validationBatches(),
                            t.learningRate(), t.decayPerEpoch(), t.patience(), t.huberDelta(), maxMinutes, t.mcSamples()));
        }
        Path dir = out != null ? out : Path.of(cfg.output());
        var log = spec.commandLine().getOut();
        if (calibrateOnly) {
            var cal = new Trainer(cfg, dir, new java.io.PrintStream(System.out, true), false).calibrate();
            log.println("calibrated " + dir.resolve("model.zip") + ": " + cal.summary());
            log.flush();
            return Main.OK;
        }
        Trainer.Result r = new Trainer(cfg, dir, new java.io.PrintStream(System.out, true), !noProgress).train(resume);
        log.printf("model: %s (%d epochs, %,d samples, best validation loss %.5f at epoch %d, %.1f min; %s)%n",
                r.model(), r.epochs(), r.samples(), r.bestValidationLoss(), r.bestEpoch(), r.minutes(), r.stoppedBecause());
        log.flush();
        return Main.OK;
    }
}
