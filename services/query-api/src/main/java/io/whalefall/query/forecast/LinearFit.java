package io.whalefall.query.forecast;

/**
 * An ordinary least-squares line through points: {@code y = intercept + slope · x}, with its coefficient of
 * determination (r²: 1 = every point on the line, 0 = the line explains nothing).
 *
 * @param slope     change of y per unit of x
 * @param intercept y at x = 0
 * @param rSquared  fit quality, 0..1
 * @param points    number of points fitted
 */
public record LinearFit(double slope, double intercept, double rSquared, int points) {

    /**
     * Fits a line through {@code (x[i], y[i])}.
     *
     * @throws IllegalArgumentException with fewer than two points or when every x is the same
     */
    public static LinearFit of(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("a line needs at least two points with matching x and y");
        }
        int n = x.length;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i] / n;
            meanY += y[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("every point has the same x");
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        double residual = 0;
        for (int i = 0; i < n; i++) {
            double error = y[i] - (intercept + slope * x[i]);
            residual += error * error;
        }
        // a constant series is described perfectly by a flat line
        double rSquared = syy == 0 ? 1.0 : Math.max(0, 1 - residual / syy);
        return new LinearFit(slope, intercept, rSquared, n);
    }

    /** The fitted y at {@code x}. */
    public double at(double x) {
        return intercept + slope * x;
    }
}
