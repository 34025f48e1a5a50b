package org.sersic4j.render;

/**
 * A rendered model and its derivatives with respect to the seven parameters.
 *
 * @param model    the stamp (row-major)
 * @param jacobian jacobian[k][pixel] = ∂model[pixel]/∂param_k in {@link SersicParams#NAMES} order (pa per degree)
 */
public record ModelAndJacobian(Image model, double[][] jacobian) {}
