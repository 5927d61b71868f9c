package io.runvault.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianTest {

    @Test
    void cdfMatchesKnownValues() {
        assertEquals(0.5, Gaussian.cdf(0), 1e-16);
        assertEquals(0.9750021048517795, Gaussian.cdf(1.96), 1e-15);
        assertEquals(0.15865525393145707, Gaussian.cdf(-1), 1e-16);
        // Phi(-10) = 7.619853024160527e-24: relative precision in the tail.
        assertEquals(7.619853024160527e-24, Gaussian.cdf(-10), 1e-36);
    }

    @Test
    void logCdfIsContinuousAcrossItsBranchesAndFiniteFarOut() {
        assertEquals(Gaussian.logCdf(-19.999999), Gaussian.logCdf(-20.000001), 1e-3);
        // log Phi(-40) = -804.6084420137538 (asymptotic series).
        assertEquals(-804.6084420137538, Gaussian.logCdf(-40), 1e-9);
        assertEquals(-Gaussian.cdf(-7), Gaussian.logCdf(7), 1e-30);
    }

    @Test
    void inverseCdfInvertsTheCdf() {
        for (double z : new double[] {-30, -8, -3, -0.5, 0, 0.7, 2.5}) {
            assertEquals(z, Gaussian.inverseCdf(Gaussian.cdf(z)), 1e-9 * Math.max(1, Math.abs(z)));
        }
    }

    @Test
    void truncatedDrawsStayInsideAndFollowTheMass() {
        SplittableRandom random = new SplittableRandom(1);
        int inFirstHalf = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = ParzenEstimator.truncatedNormal(0.2, 0.3, 0, 1, random.nextDouble());
            assertTrue(x >= 0 && x <= 1);
            inFirstHalf += x < 0.5 ? 1 : 0;
        }
        // P(X < 0.5 | 0 <= X <= 1) for N(0.2, 0.3): (Phi(1) - Phi(-2/3)) / (Phi(8/3) - Phi(-2/3)) = 0.79181
        assertEquals(0.79181, inFirstHalf / 200_000.0, 0.005);
    }
}
