/**
 * The deblenders of blended pairs: the blends ({@link org.sersic4j.learn.deblend.BlendBatchRenderer}), the three
 * networks ({@link org.sersic4j.learn.deblend.Deblender} and its kinds), their configuration and training
 * ({@link org.sersic4j.learn.deblend.DeblendConfig}, {@link org.sersic4j.learn.deblend.DeblendTrainer}).
 */
package org.sersic4j.learn.deblend;
