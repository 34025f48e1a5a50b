package org.sersic4j.learn.cae;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Principal component analysis, the linear baseline of the conditional-autoencoder paper: the mean of the training rows
 * and the k directions of largest variance, in double precision. The eigenproblem is solved on the smaller of the
 * covariance (p × p) and the Gram matrix (n × n) of the centred rows, so 2,000 stamps of 64×64 pixels cost a 2,000 ×
 * 2,000 symmetric eigenproblem, not a 4,096 × 4,096 one.
 */
public final class PcaBaseline {
    private final INDArray mean;
    private final INDArray components;
    private final double[] explained;

    private PcaBaseline(INDArray mean, INDArray components, double[] explained) {
        this.mean = mean;
        this.components = components;
        this.explained = explained;
    }

    /**
     * The first {@code k} principal components of the rows of {@code x} (n × p).
     *
     * @throws IllegalArgumentException when k exceeds min(n − 1, p)
     */
    public static PcaBaseline fit(INDArray x, int k) {
        long n = x.size(0), p = x.size(1);
        if (k < 1 || k > Math.min(n - 1, p))
            throw new IllegalArgumentException("PCA: " + k + " components need at least " + (k + 1) + " rows and " + k + " columns (have "
                    + n + " × " + p + ")");
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray mean = xd.mean(0).reshape(1, p);
        INDArray c = xd.subRowVector(mean);
        double total = c.mul(c).sumNumber().doubleValue();
        boolean gram = n < p;
        INDArray m = gram ? c.mmul(c.transpose()) : c.transpose().mmul(c);
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(m, true);
        int dim = (int) m.size(0);
        INDArray v = Nd4j.create(DataType.DOUBLE, gram ? p : dim, k);
        double[] explained = new double[k];
        for (int j = 0; j < k; j++) {
            int col = dim - 1 - j;
            double lambda = values.getDouble(col);
            INDArray u = m.get(NDArrayIndex.all(), NDArrayIndex.point(col)).reshape(dim, 1);
            INDArray dir = gram ? c.transpose().mmul(u).divi(Math.sqrt(Math.max(lambda, 1e-300))) : u;
            v.putColumn(j, dir.reshape(dir.length(), 1));
            explained[j] = total > 0 ? lambda / total : 0;
        }
        return new PcaBaseline(mean, v, explained);
    }

    /** {@link #fit(INDArray, int)} of rows of {@code columns} floats each, one after another. */
    public static PcaBaseline fit(float[] rows, int columns, int k) {
        return fit(matrix(rows, columns), k);
    }

    /** {@link #project(INDArray)} of rows of {@code columns} floats each, one after another: one row of scores each. */
    public double[][] project(float[] rows, int columns) {
        return project(matrix(rows, columns)).toDoubleMatrix();
    }

    private static INDArray matrix(float[] rows, int columns) {
        return Nd4j.create(rows, new long[] {rows.length / columns, columns}, 'c');
    }

    /** The scores of rows (n × p) on the components: (n × k). */
    public INDArray project(INDArray x) {
        return x.castTo(DataType.DOUBLE).subRowVector(mean).mmul(components);
    }

    /** Number of components. */
    public int components() {
        return (int) components.size(1);
    }

    /** The fraction of the training variance along each component. */
    public double[] explainedVariance() {
        return explained.clone();
    }
}
