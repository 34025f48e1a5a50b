package org.sersic4j.validation.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sersic4j.io.JsonOutput;

class MachineTest {
    @Test
    void theMachineIsWrittenInSnakeCaseInComponentOrder() {
        JsonNode n = JsonOutput.MAPPER.valueToTree(Machine.describe());
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        keys.remove("cpu_model");       // where /proc/cpuinfo is readable
        keys.remove("jvm_arguments");   // where the VM gives them
        assertEquals(List.of("os", "arch", "available_processors", "max_memory", "java_version", "java_vm"), keys);
        assertTrue(n.get("available_processors").asInt() >= 1);
    }

    @Test
    void aBenchmarkHeaderOpensTheDocumentAndTheFormerKeysStillRead() throws Exception {
        JsonNode root = BenchJson.start("fit", "sersic4j", "9.9");
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("benchmark", "sersic4j", "date", "machine"), keys);
        assertEquals(List.of(), JsonOutput.camelCaseKeys(root));
        Machine old = JsonOutput.MAPPER.readValue("{\"os\": \"Linux 6\", \"arch\": \"amd64\", \"availableProcessors\": 2, "
                + "\"maxMemory\": 1024, \"cpuModel\": \"x\", \"javaVersion\": \"17\", \"javaVm\": \"vm\", \"jvmArguments\": [\"-Xmx1g\"]}", Machine.class);
        assertEquals(new Machine("Linux 6", "amd64", 2, 1024, "x", "17", "vm", List.of("-Xmx1g")), old);
        assertEquals(old, JsonOutput.MAPPER.readValue(JsonOutput.toString(old), Machine.class));
    }
}
