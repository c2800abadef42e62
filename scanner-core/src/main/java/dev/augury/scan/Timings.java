package dev.augury.scan;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock milliseconds per stage, in the order the stages ran. */
final class Timings {
    private final Map<String, Long> millis = new LinkedHashMap<>();
    private final long start = System.nanoTime();

    <T> T time(String stage, java.util.function.Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            millis.merge(stage, (System.nanoTime() - t0) / 1_000_000, Long::sum);
        }
    }

    void time(String stage, Runnable work) {
        time(stage, () -> {
            work.run();
            return null;
        });
    }

    Map<String, Long> finish() {
        millis.put("total", (System.nanoTime() - start) / 1_000_000);
        return millis;
    }
}
