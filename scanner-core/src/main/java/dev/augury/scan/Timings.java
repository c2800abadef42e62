package dev.augury.scan;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock milliseconds per stage, in the order the stages finished (stages may run concurrently). */
final class Timings {
    private final Map<String, Long> millis = new LinkedHashMap<>();
    private final long start = System.nanoTime();

    <T> T time(String stage, java.util.function.Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            synchronized (millis) {
                millis.merge(stage, (System.nanoTime() - t0) / 1_000_000, Long::sum);
            }
        }
    }

    void time(String stage, Runnable work) {
        time(stage, () -> {
            work.run();
            return null;
        });
    }

    /** Adds time measured elsewhere (inside a detector) under {@code stage}. */
    void add(String stage, long stageMillis) {
        synchronized (millis) {
            millis.merge(stage, stageMillis, Long::sum);
        }
    }

    Map<String, Long> finish() {
        synchronized (millis) {
            millis.put("total", (System.nanoTime() - start) / 1_000_000);
            return new LinkedHashMap<>(millis);
        }
    }
}
