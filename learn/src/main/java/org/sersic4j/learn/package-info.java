/**
 * Neural estimators trained on galaxies rendered on the fly: the data stream ({@link org.sersic4j.learn.TrainingStream}),
 * the input and target scalings ({@link org.sersic4j.learn.StampScaling}, {@link org.sersic4j.learn.TargetScaling}),
 * the GaLNet-style network ({@link org.sersic4j.learn.SersicCnn}), its loss ({@link org.sersic4j.learn.HuberLoss}),
 * the training loop ({@link org.sersic4j.learn.Trainer}), storage ({@link org.sersic4j.learn.ModelStore}) and
 * inference ({@link org.sersic4j.learn.CnnPredictor}).
 */
package org.sersic4j.learn;
