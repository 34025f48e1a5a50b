/**
 * Unconstrained minimisation of smooth functions: a BFGS quasi-Newton minimiser ({@link org.sersic4j.fit.optim.Bfgs})
 * and the strong-Wolfe line search it uses ({@link org.sersic4j.fit.optim.WolfeLineSearch}).
 */
package org.sersic4j.fit.optim;
