package dev.augury.detect;

import dev.augury.detect.era.EraShiftDetector;
import dev.augury.detect.inductive.InductiveBackdoorDetector;
import dev.augury.detect.misalignment.MisalignmentDetector;
import dev.augury.detect.persona.LatentPersonaDetector;
import dev.augury.detect.trigger.TriggerDetector;
import java.util.List;

/** The detectors a scan runs by default, in order (later detectors may read earlier ones' shared results). */
public final class Detectors {
    private Detectors() {
    }

    public static List<Detector> defaults() {
        // The longest first, so that two workers finish together: the trigger and persona detectors take most of the
        // time.
        return List.of(new TriggerDetector(), new LatentPersonaDetector(), new EraShiftDetector(),
                new MisalignmentDetector(), new InductiveBackdoorDetector());
    }
}
