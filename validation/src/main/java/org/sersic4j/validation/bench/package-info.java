/**
 * The benchmarks behind {@code sersic4j bench}: rendering ({@link org.sersic4j.validation.bench.RenderBenchmark}) and
 * the CNN's inference ({@link org.sersic4j.validation.bench.PredictBenchmark}), with the fitting benchmark
 * ({@link org.sersic4j.validation.fit.FitBenchmark}) sharing their JSON opening and the description of the machine
 * ({@link org.sersic4j.validation.bench.BenchJson}, {@link org.sersic4j.validation.bench.Machine}).
 */
package org.sersic4j.validation.bench;
