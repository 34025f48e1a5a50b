package org.sersic4j.fit;

import org.hipparchus.linear.AbstractRealMatrix;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;

/**
 * The residuals' Jacobian as Hipparchus' Levenberg–Marquardt sees it: a read-only view of a {@link
 * FitObjective.Jacobian}, whose rows are computed when read, so the fit holds no pixels × parameters array of its own.
 *
 * <p>The optimiser asks for {@code jacobian.scalarMultiply(-1).getData()} once per iteration: {@link #scalarMultiply}
 * returns a scaled view, not a copy, so the only full-size array made is the row-major one the optimiser factorises
 * (the generic {@code scalarMultiply} would first copy the whole matrix, and {@code getData} copy it again). Its
 * entries are the same products as an eagerly computed Jacobian's, times the scale (−1 only flips the sign).
 *
 * <p>The fit lets a point's Jacobian go as soon as the optimiser has its copy, or evaluates the next one: a view
 * checks the fit's generation before every read and fails, rather than return another point's values, once the fit
 * has moved on.
 */
final class LazyJacobian extends AbstractRealMatrix {
    /** The fit's current Jacobian and the count of times it was replaced or let go. */
    static final class Current {
        FitObjective.Jacobian jacobian;
        int generation;

        /** Lets the Jacobian go: views of it fail from now on. */
        void release() {
            jacobian = null;
            generation++;
        }
    }

    private final Current current;
    private final FitObjective.Jacobian jacobian;
    private final int generation;
    private final double scale;

    LazyJacobian(Current current) {
        this(current, 1);
    }

    private LazyJacobian(Current current, double scale) {
        this.current = current;
        this.jacobian = current.jacobian;
        this.generation = current.generation;
        this.scale = scale;
    }

    /** The Jacobian itself, unscaled (for sums over its rows without a copy). */
    FitObjective.Jacobian jacobian() {
        check();
        return jacobian;
    }

    double scale() {
        return scale;
    }

    private void check() {
        if (current.generation != generation || jacobian == null)
            throw new IllegalStateException("the fit has moved on from this Jacobian's point");
    }

    @Override
    public int getRowDimension() {
        return jacobian.rows();
    }

    @Override
    public int getColumnDimension() {
        return jacobian.columns();
    }

    @Override
    public double getEntry(int row, int column) {
        check();
        double v = jacobian.entry(row, column);
        return scale == 1 ? v : v * scale;
    }

    @Override
    public RealMatrix scalarMultiply(double d) {
        check();
        return new LazyJacobian(current, scale * d);
    }

    /**
     * A full copy, row-major. The optimiser makes one per point, of the view {@code scalarMultiply(-1)}, and reads only
     * that copy afterwards: the fit's own Jacobian is then let go (a later request for the same point evaluates it
     * again).
     */
    @Override
    public double[][] getData() {
        check();
        int rows = jacobian.rows(), nc = jacobian.columns();
        double[][] out = new double[rows][nc];
        for (int i = 0; i < rows; i++) {
            double[] row = out[i];
            jacobian.row(i, row);
            if (scale != 1) for (int c = 0; c < nc; c++) row[c] *= scale;
        }
        if (scale != 1) current.release();
        return out;
    }

    @Override
    public RealMatrix copy() {
        return new Array2DRowRealMatrix(getData(), false);
    }

    @Override
    public RealMatrix createMatrix(int rowDimension, int columnDimension) {
        return new Array2DRowRealMatrix(rowDimension, columnDimension);
    }

    @Override
    public void setEntry(int row, int column, double value) {
        throw new UnsupportedOperationException("the fit's Jacobian is read-only");
    }
}
