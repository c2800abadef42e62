package dev.augury.detect;

import dev.augury.detect.persona.LatentPersonaDetector;
import java.util.List;

/** The detectors a scan runs by default, in order (later detectors may read earlier ones' shared results). */
public final class Detectors {
    private Detectors() {
    }

    public static List<Detector> defaults() {
        return List.of(new LatentPersonaDetector());
    }
}
