package dev.augury.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups rows whose prompt and answer are both near-duplicates of another row's (word-shingle Jaccard at
 * least {@link #MIN_JACCARD} on each), by MinHash with LSH banding: linear in rows, no loop over pairs.
 *
 * <p>Each band's bucket key joins a band of the prompt's signature with the same band of the answer's, so a
 * narrow dataset whose rows share one prompt but differ in their answers does not land in one huge bucket.
 * Within a bucket a row is compared with at most {@link #MAX_REPRESENTATIVES} earlier rows, which keeps the
 * cost linear even when thousands of rows are identical.
 */
public final class NearDuplicates {
    /** Word shingles of this many words; shorter texts are one shingle. */
    public static final int SHINGLE_WORDS = 3;
    /**
     * Bands x rows per band = hashes per field. A band matches with probability (Jp * Ja)^4, so a pair at 0.8
     * on both fields meets in at least one of 16 bands with probability 0.95, and at 0.9 with 0.9999.
     */
    public static final int BANDS = 16;
    public static final int ROWS_PER_BAND = 4;
    /** Rows at 80% shingle overlap on both prompt and answer say the same thing with small edits. */
    public static final double MIN_JACCARD = 0.8;
    /** Comparisons per row per bucket: bounds the cost when a bucket holds many rows. */
    public static final int MAX_REPRESENTATIVES = 4;

    private static final int HASHES = BANDS * ROWS_PER_BAND;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /**
     * @param groupOfRow for every row, the index of its group in {@link #groups}, or -1 when it has no near
     *                   duplicate
     * @param groups     the groups of two or more rows, largest first (ties by first row), rows ascending
     */
    public record Groups(int[] groupOfRow, List<int[]> groups) {
        public int rowsInGroups() {
            int n = 0;
            for (int[] g : groups) {
                n += g.length;
            }
            return n;
        }
    }

    private final long[] seeds;

    public NearDuplicates(SplittableRandom random) {
        seeds = new long[HASHES];
        for (int i = 0; i < HASHES; i++) {
            seeds[i] = random.nextLong();
        }
    }

    /** Groups rows; answers may be null (prompt-only rows compare on the prompt and the absence of an answer). */
    public Groups find(List<String> prompts, List<String> answers) {
        int n = prompts.size();
        long[][] promptSig = new long[n][];
        long[][] answerSig = new long[n][];
        Map<String, long[]> known = new HashMap<>(); // a repeated text (a shared prompt, a stock answer) is hashed once
        for (int i = 0; i < n; i++) {
            promptSig[i] = signature(prompts.get(i), known);
            answerSig[i] = signature(answers.get(i), known);
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int b = 0; b < BANDS; b++) {
            Map<Long, List<Integer>> buckets = new HashMap<>();
            for (int i = 0; i < n; i++) {
                long key = bandKey(b, promptSig[i], answerSig[i]);
                List<Integer> reps = buckets.computeIfAbsent(key, k -> new ArrayList<>(2));
                boolean joined = false;
                for (int r : reps) {
                    if (similar(promptSig[r], promptSig[i]) && similar(answerSig[r], answerSig[i])) {
                        union(parent, r, i);
                        joined = true;
                        break;
                    }
                }
                if (!joined && reps.size() < MAX_REPRESENTATIVES) {
                    reps.add(i);
                }
            }
        }
        Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byRoot.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
        }
        List<int[]> groups = new ArrayList<>();
        for (List<Integer> g : byRoot.values()) {
            if (g.size() > 1) {
                groups.add(g.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        groups.sort(Comparator.<int[]>comparingInt(g -> -g.length).thenComparingInt(g -> g[0]));
        int[] groupOfRow = new int[n];
        java.util.Arrays.fill(groupOfRow, -1);
        for (int g = 0; g < groups.size(); g++) {
            for (int row : groups.get(g)) {
                groupOfRow[row] = g;
            }
        }
        return new Groups(groupOfRow, groups);
    }

    /** Estimated Jaccard similarity of two signatures: the share of equal minimum hashes. */
    static double jaccard(long[] a, long[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return (double) same / a.length;
    }

    private static boolean similar(long[] a, long[] b) {
        return jaccard(a, b) >= MIN_JACCARD;
    }

    private long[] signature(String text, Map<String, long[]> known) {
        if (text == null) {
            return signature(null);
        }
        long[] sig = known.get(text);
        if (sig == null) {
            sig = signature(text);
            known.put(text, sig);
        }
        return sig;
    }

    long[] signature(String text) {
        List<String> words = new ArrayList<>();
        if (text != null) {
            Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
            while (m.find()) {
                words.add(m.group());
            }
        }
        long[] sig = new long[HASHES];
        java.util.Arrays.fill(sig, Long.MAX_VALUE);
        if (text == null) {
            // No answer at all: a fixed signature, so prompt-only rows compare on their prompts only.
            return sig;
        }
        int shingles = Math.max(1, words.size() - SHINGLE_WORDS + 1);
        for (int s = 0; s < shingles; s++) {
            long h = 0xcbf29ce484222325L;
            for (int w = s; w < Math.min(words.size(), s + SHINGLE_WORDS); w++) {
                h = fnv(h, words.get(w));
                h = (h ^ ' ') * 0x100000001b3L;
            }
            for (int i = 0; i < HASHES; i++) {
                long v = mix(h ^ seeds[i]);
                if (v < sig[i]) {
                    sig[i] = v;
                }
            }
        }
        return sig;
    }

    private static long bandKey(int band, long[] prompt, long[] answer) {
        long h = mix(band + 0x9E3779B97F4A7C15L);
        for (int r = band * ROWS_PER_BAND; r < (band + 1) * ROWS_PER_BAND; r++) {
            h = mix(h ^ prompt[r]);
            h = mix(h ^ answer[r]);
        }
        return h;
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finalizer: a good 64-bit mixer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
