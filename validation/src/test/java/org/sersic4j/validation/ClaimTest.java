package org.sersic4j.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sersic4j.io.JsonOutput;
import org.junit.jupiter.api.Test;

class ClaimTest {
    @Test
    void numbersThatAreNotFiniteBecomeJsonNullAndTheOthersStayNumbers() throws Exception {
        Claim c = Claim.ofValue("r", "a ratio below one", "37% lower", Double.NaN, "0.79", 0.79, 0.70, Double.POSITIVE_INFINITY,
                true, "upper end below 1");
        JsonNode n = new ObjectMapper().readTree(JsonOutput.toString(c));
        assertTrue(n.get("paper_fraction").isNull(), n.toString());
        assertTrue(n.get("ours_high").isNull(), n.toString());
        assertTrue(n.get("ours_fraction").isNumber(), n.toString());
        assertEquals(0.70, n.get("ours_low").asDouble(), 0);
        assertTrue(n.get("held").asBoolean());
    }

    @Test
    void aCountClaimBelowThePapersBySignificanceDoesNotHold() {
        Claim c = Claim.ofCounts("x", "s", 971, 1000, 150, 200);
        assertEquals("971/1000", c.paper());
        assertEquals("150/200", c.ours());
        assertFalse(c.held());
        assertTrue(c.line().contains("did not hold"), c.line());
    }
}
