package org.sersic4j.validation.deblend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sersic4j.learn.deblend.Deblender.Kind;
import org.sersic4j.validation.Claim;

class DeblendClaimsTest {
    private static ImageScores scores(String name, double mse, double psnr, double ssim) {
        return new ImageScores(name, new double[] {mse, mse}, new double[] {psnr, psnr}, new double[] {ssim, ssim});
    }

    @Test
    void theRankingHoldsOnlyInThePapersOrder() {
        Map<Kind, ImageScores> paperOrder = new LinkedHashMap<>();
        paperOrder.put(Kind.CONV, scores("c", 1e-3, 30, 0.8));
        paperOrder.put(Kind.VAEGAN, scores("g", 2e-3, 27, 0.6));
        paperOrder.put(Kind.VAE, scores("v", 3e-3, 26, 0.5));
        List<Claim> held = DeblendClaims.rankings(paperOrder);
        assertEquals(3, held.size());
        assertTrue(held.stream().allMatch(Claim::held), held.toString());
        paperOrder.put(Kind.VAE, scores("v", 1.5e-3, 28, 0.7)); // the VAE beats the VAE-GAN on every metric
        List<Claim> not = DeblendClaims.rankings(paperOrder);
        assertTrue(not.stream().noneMatch(Claim::held), not.toString());
        assertTrue(not.get(0).ours().startsWith("conv"), not.get(0).ours());
        paperOrder.remove(Kind.VAE);
        assertTrue(DeblendClaims.rankings(paperOrder).isEmpty());
    }

    @Test
    void aValueHoldsWhenAtLeastAsGoodAsThePapers() {
        List<Claim> c = DeblendClaims.values(Map.of(Kind.CONV, scores("c", 5e-4, 29, 0.9)));
        assertEquals(List.of("conv-mse", "conv-psnr", "conv-ssim"), c.stream().map(Claim::id).toList());
        assertTrue(c.get(0).held());   // MSE 5e-4 <= 8.117e-4
        assertFalse(c.get(1).held());  // PSNR 29 < 30.92
        assertTrue(c.get(2).held());   // SSIM 0.9 >= 0.8067
        assertTrue(c.get(1).line().contains("did not hold"), c.get(1).line());
    }

    @Test
    void theFitClaimNeedsAClearMajority() {
        assertTrue(DeblendClaims.fit(Kind.CONV, 80, 100).held());
        assertFalse(DeblendClaims.fit(Kind.CONV, 55, 100).held());
    }
}
