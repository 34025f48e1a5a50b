package org.sersic4j.fit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.fit.ModelSpec;
import org.sersic4j.fit.ModelSpec.Setting;
import org.sersic4j.fit.ModelSpec.TieSpec;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.model.ComponentType;

/** Model YAML files: the format, named models, and one clear error per kind of bad input. */
class ModelFilesTest {
    @TempDir
    Path dir;

    static final String EXAMPLE = """
            name: bulge+disc+agn
            components:
              - {type: sersic, name: bulge, n: {start: 4, lower: 1, upper: 8}}
              - {type: exponential, name: disc, q: {fixed: true, start: 0.5}, re: 12}
              - {type: psf, name: agn}
              - {type: skyplane, name: sky}
            ties:
              - {param: disc.x0, equals: bulge.x0}
              - {param: agn.y0, equals: bulge.y0, ratio: 1, offset: 0}
              - {param: disc.pa, equals: bulge.pa, ratio: 1, offset: 90}
            """;

    @Test
    void exampleIsRead() throws Exception {
        ModelSpec m = ModelFiles.read(Files.writeString(dir.resolve("m.yaml"), EXAMPLE));
        assertEquals("bulge+disc+agn", m.name());
        assertEquals(List.of(ComponentType.SERSIC, ComponentType.EXPONENTIAL, ComponentType.PSF, ComponentType.SKYPLANE),
                m.parts().stream().map(ModelSpec.Part::type).toList());
        assertEquals(List.of("bulge", "disc", "agn", "sky"), m.parts().stream().map(ModelSpec.Part::name).toList());
        assertEquals(new Setting(4, false, 1, 8), m.parts().get(0).setting("n"));
        assertEquals(Setting.AUTO, m.parts().get(0).setting("re"));
        assertEquals(new Setting(0.5, true, Double.NaN, Double.NaN), m.parts().get(1).setting("q"));
        Setting re = m.parts().get(1).setting("re");
        assertEquals(12, re.start());
        assertFalse(re.fixed(), "a bare number is the start, free");
        assertTrue(m.parts().get(2).settings().isEmpty());
        assertEquals(List.of(TieSpec.equal("disc.x0", "bulge.x0"), TieSpec.equal("agn.y0", "bulge.y0"),
                new TieSpec("disc.pa", "bulge.pa", 1, 90)), m.ties());
        assertTrue(m.hasSky());
    }

    @Test
    void defaultsAndRoundTripThroughResolve() throws Exception {
        Path f = Files.writeString(dir.resolve("two.yml"), """
                components:
                  - type: devauc
                  - type: expdisk     # GALFIT's spelling
                    name: disc
                """);
        ModelSpec m = ModelFiles.resolve(f.toString());
        assertEquals("two", m.name(), "the file name without its extension");
        assertEquals("devauc", m.parts().get(0).name(), "the type names an unnamed component");
        assertEquals(ComponentType.EXPONENTIAL, m.parts().get(1).type());
        assertTrue(m.ties().isEmpty());
        assertEquals(m, ModelFiles.read(f));
        assertSame(ModelSpec.SERSIC, ModelFiles.resolve("sersic"));
        assertEquals(ModelSpec.named("bulge+disc"), ModelFiles.resolve("Bulge+Disc"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.resolve("bulge"));
        assertTrue(e.getMessage().contains("unknown model 'bulge'") && e.getMessage().contains("model YAML"), e.getMessage());
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> ModelFiles.resolve(dir.resolve("none.yaml").toString()));
        assertTrue(missing.getMessage().contains("no such model file"), missing.getMessage());
    }

    @Test
    void badInputsNameTheFileAndTheKey() throws Exception {
        String head = "components:\n  - {type: sersic, name: bulge}\n  - {type: exponential, name: disc}\n";
        assertError("", "components: the file is empty");
        assertError("- sersic\n", "expected a mapping with keys name, components, ties");
        assertError("name: x\nmodel: sersic\ncomponents: [{type: sersic}]\n", "model: unknown key; known keys here:"
                + " components, name, ties");
        assertError("name: x\n", "components: missing");
        assertError("components: []\n", "components: empty");
        assertError("components: {type: sersic}\n", "components: expected a list");
        assertError("components:\n  - {name: a}\n", "components[0].type: missing");
        assertError("components:\n  - {type: king}\n", "components[0].type: unknown component type 'king'");
        assertError("components:\n  - {type: psf}\n", "components[0].type: the first component is the target and must be"
                + " a profile");
        assertError("components:\n  - {type: sersic, colour: red}\n", "components[0].colour: unknown key: sersic has the"
                + " parameters x0, y0, flux, re, n, q, pa");
        assertError(head.replace("disc}", "disc, n: 1}"), "components[1].n: unknown key: exponential has the parameters");
        assertError("components:\n  - {type: sersic, n: four}\n", "components[0].n: expected a number (the starting"
                + " value) or a mapping");
        assertError("components:\n  - {type: sersic, n: {start: four}}\n", "components[0].n.start: expected a number,"
                + " got 'four'");
        assertError("components:\n  - {type: sersic, n: {start: .inf}}\n", "not valid YAML: Malformed numeric value '.inf' (line 2");
        assertError("components:\n  - {type: sersic, n: {fixed: yes please}}\n", "components[0].n.fixed: expected true"
                + " or false");
        assertError("components:\n  - {type: sersic, n: {begin: 2}}\n", "components[0].n.begin: unknown key; known keys"
                + " here: fixed, lower, start, upper");
        assertError("components:\n  - {type: sersic, n: {lower: 3, upper: 2}}\n", "components[0].n: lower (3.0) must be"
                + " below upper (2.0)");
        assertError("components:\n  - {type: sersic, n: {start: 9, upper: 8}}\n", "components[0].n.start: 9.0 lies"
                + " outside");
        assertError("components:\n  - {type: sersic}\n  - {type: sersic}\n", "components[1].name: a second component"
                + " named 'sersic'");
        assertError("components:\n  - {type: sersic, name: a.b}\n", "components[0].name: 'a.b' cannot name");
        assertError(head + "ties:\n  - {param: disc.x0, equals: halo.x0}\n", "ties[0]: tie parameter 'halo.x0' names no"
                + " component");
        assertError(head + "ties:\n  - {param: disc.n, equals: bulge.n}\n", "ties[0]: tie parameter 'disc.n': exponential"
                + " has no parameter 'n'");
        assertError(head + "ties:\n  - {param: disc.x0, equals: disc.x0}\n", "ties[0]: disc.x0 is tied to itself");
        assertError(head + "ties:\n  - {param: disc.x0, equals: bulge.x0}\n  - {param: disc.x0, equals: bulge.y0}\n",
                "ties[1]: disc.x0 is tied twice");
        assertError(head + "ties:\n  - {param: disc.x0, equals: bulge.x0}\n  - {param: bulge.y0, equals: disc.x0}\n",
                "ties[1]: disc.x0 is itself tied");
        assertError(head + "ties:\n  - {param: disc.x0, equals: bulge.x0, ratio: 0}\n", "ties[0]: tie of disc.x0 needs a"
                + " finite non-zero ratio");
        assertError(head + "ties:\n  - {param: disc.x0, same: bulge.x0}\n", "ties[0].same: unknown key");
        assertError(head + "ties:\n  - {param: disc.x0}\n", "ties[0].equals: missing");
        assertError(head + "ties:\n  - {param: disc.x0, equals: bulge.x0, offset: one}\n", "ties[0].offset: expected a"
                + " number, got 'one'");
        assertError("components:\n  - {type: sersic\n", "not valid YAML");
        assertError("components:\n  - {type: sersic, n: 2, n: 3}\n", "not valid YAML: Duplicate field 'n'");
    }

    private void assertError(String yaml, String expected) throws Exception {
        Path f = Files.writeString(dir.resolve("bad.yaml"), yaml);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelFiles.read(f), yaml);
        assertEquals(f, e.file());
        assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains(expected),
                "expected '" + expected + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
