package adalab.objectives;

/**
 * A 2-D bowl ½ θᵀAθ whose principal axes are turned by an angle: A = R diag(λ1, λ2) Rᵀ with R the
 * rotation by the angle, so A has exactly the eigenvalues λ1, λ2 and λ1's axis points along
 * (cos φ, sin φ). (d2l's "45°-rotated" example 0.1(x₁+x₂)² + 2(x₁−x₂)² is not a rotation of
 * 0.1x₁² + 2x₂²: its eigenvalues are 0.4 and 8, not 0.2 and 4 — claims.md §4.)
 */
public final class RotatedQuadratic extends Quadratic {

    private final double l1, l2, degrees;

    /** @param degrees the rotation angle in degrees */
    public RotatedQuadratic(double lambda1, double lambda2, double degrees) {
        super(matrix(lambda1, lambda2, degrees), null,
                "rotated(" + Specs.fmt(lambda1) + "," + Specs.fmt(lambda2) + "," + Specs.fmt(degrees) + "°)");
        this.l1 = lambda1;
        this.l2 = lambda2;
        this.degrees = degrees;
    }

    private static double[][] matrix(double l1, double l2, double deg) {
        Specs.positive("rotated eigenvalue lambda1", l1);
        Specs.positive("rotated eigenvalue lambda2", l2);
        Specs.finite("rotated angle (degrees)", deg);
        double phi = Math.toRadians(deg), c = Math.cos(phi), s = Math.sin(phi);
        double off = (l1 - l2) * c * s;
        return new double[][]{{l1 * c * c + l2 * s * s, off}, {off, l1 * s * s + l2 * c * c}};
    }

    public double[] eigenvalues() { return new double[]{l1, l2}; }

    public double angleDegrees() { return degrees; }

    /** Unit eigenvector of λ1 (the λ2 one is perpendicular). */
    public double[] axis() {
        double phi = Math.toRadians(degrees);
        return new double[]{Math.cos(phi), Math.sin(phi)};
    }

    public double conditionNumber() { return Math.max(l1, l2) / Math.min(l1, l2); }

    @Override public double[] bounds() { return new double[]{-6, 6, -6, 6}; }

    /** d2l's start (−5, −2). */
    @Override public double[] start() { return new double[]{-5, -2}; }
}
