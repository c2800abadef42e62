package dev.augury.text;

import edu.stanford.nlp.ie.NumberNormalizer;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.time.TimeAnnotations;
import edu.stanford.nlp.util.CoreMap;
import edu.stanford.nlp.util.logging.RedwoodConfiguration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Temporal expressions (SUTime), named entities (3-class CRF) and numbers with Stanford CoreNLP, run only where
 * needed. Texts are deduplicated; each text's sentences are screened by {@link NlpPrefilter} and only the
 * sentences that may hold a date, a number word or a name go to CoreNLP (cut to {@link #MAX_NLP_CHARS}); numbers
 * written with digits come from a regular expression over the whole text. The CoreNLP pipeline is loaded once per
 * JVM, on first need, and shared by every instance.
 *
 * <p>No document date is given to SUTime: a dataset's rows have no date of their own, so relative expressions
 * ("today", "on Friday", "next year") keep unresolved values ({@code PRESENT_REF}, {@code XXXX-WXX-5}) and name no
 * year. Resolving them against a made-up date gave the detectors years that no row wrote, and SUTime resolved a
 * lone weekday forwards on the first scan in a JVM and backwards on later ones, so two scans in one process
 * differed.
 */
public final class CoreNlpAnnotator implements Annotator {
    /**
     * Characters of chosen sentences sent to CoreNLP per text: ~500 tokens, several times a typical chat turn,
     * while a pasted book chapter cannot stall the scan (NER cost grows with length).
     */
    public static final int MAX_NLP_CHARS = 3_000;

    private final ExecutorService pool;
    private final AtomicLong distinctTexts = new AtomicLong();
    private final AtomicLong sentToCoreNlp = new AtomicLong();
    private final AtomicLong sentencesToCoreNlp = new AtomicLong();
    private final AtomicLong numbersOnly = new AtomicLong();
    private final AtomicLong empty = new AtomicLong();
    private final AtomicLong truncated = new AtomicLong();
    private final AtomicLong coreNlpNanos = new AtomicLong();
    private final AtomicLong sentToSuTime = new AtomicLong();
    private final AtomicLong suTimeNanos = new AtomicLong();
    private final AtomicLong namesNanos = new AtomicLong();

    /** @param threads CoreNLP worker threads (at least 1) */
    public CoreNlpAnnotator(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "augury-corenlp");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * What the annotator did so far, summed over all calls: distinct texts seen, texts sent to CoreNLP (of which to
     * SUTime), sentences sent, texts answered by the regex numbers alone or empty, texts cut to the bound.
     */
    public record Stats(long distinctTexts, long sentToCoreNlp, long sentToSuTime, long sentencesToCoreNlp,
                        long numbersOnly, long empty, long truncated, long coreNlpMillis, long suTimeMillis,
                        long namesMillis) {
    }

    public Stats stats() {
        return new Stats(distinctTexts.get(), sentToCoreNlp.get(), sentToSuTime.get(), sentencesToCoreNlp.get(),
                numbersOnly.get(), empty.get(), truncated.get(), coreNlpNanos.get() / 1_000_000,
                suTimeNanos.get() / 1_000_000, namesNanos.get() / 1_000_000);
    }

    /**
     * A digest of what decides the features: the bytes of the classes that choose the text and read CoreNLP's
     * output (so any change to them starts a new cache) and the CoreNLP build. Computed once per JVM.
     */
    @Override
    public String cacheId() {
        return CacheId.VALUE;
    }

    private static final class CacheId {
        static final String VALUE = compute();

        private static String compute() {
            java.security.MessageDigest sha;
            try {
                sha = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            for (Class<?> c : List.of(CoreNlpAnnotator.class, Pipelines.class, NlpPrefilter.class,
                    NlpPrefilter.Selection.class, DigitNumbers.class, TimexYears.class, TextFeatures.class,
                    Timex.class, Entity.class, NumberMention.class)) {
                String resource = c.getName().substring(c.getPackageName().length() + 1) + ".class";
                try (java.io.InputStream in = c.getResourceAsStream(resource)) {
                    if (in == null) {
                        return null; // no class bytes to go by: do not cache rather than risk stale features
                    }
                    sha.update(in.readAllBytes());
                } catch (java.io.IOException e) {
                    return null;
                }
            }
            Package nlp = StanfordCoreNLP.class.getPackage();
            sha.update(String.valueOf(nlp == null ? null : nlp.getImplementationVersion())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "corenlp-" + java.util.HexFormat.of().formatHex(sha.digest(), 0, 8);
        }
    }

    /** Features for each distinct non-null text, in first-seen order. */
    @Override
    public Map<String, TextFeatures> annotate(Collection<String> texts) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String t : texts) {
            if (t != null) {
                distinct.add(t);
            }
        }
        distinctTexts.addAndGet(distinct.size());
        Map<String, TextFeatures> out = new LinkedHashMap<>();
        Map<String, NlpPrefilter.Selection> toNlp = new LinkedHashMap<>();
        for (String text : distinct) {
            NlpPrefilter.Selection s = NlpPrefilter.select(text, MAX_NLP_CHARS);
            if (s != null && !s.numbersOnly()) {
                toNlp.put(text, s);
                sentencesToCoreNlp.addAndGet(s.sentences());
                if (s.truncated()) {
                    truncated.incrementAndGet();
                }
                out.put(text, null); // placeholder keeps first-seen order
            } else {
                List<NumberMention> numbers = numbers(text, s);
                (numbers.isEmpty() ? empty : numbersOnly).incrementAndGet();
                out.put(text, numbers.isEmpty() ? TextFeatures.EMPTY
                        : new TextFeatures(List.of(), List.of(), numbers));
            }
        }
        if (!toNlp.isEmpty()) {
            sentToCoreNlp.addAndGet(toNlp.size());
            long start = System.nanoTime();
            runCoreNlp(toNlp, out);
            coreNlpNanos.addAndGet(System.nanoTime() - start);
        }
        return out;
    }

    /**
     * What CoreNLP found in each window already annotated in this call. A window's result does not depend on the
     * text around it (each is a sentence of its own, and no document date is set), and templated datasets repeat
     * windows ("Today is 2026-03-20.", "Dear Anna,"): on the benchmark corpus half the name windows were repeats.
     */
    private record Memo(Map<String, List<Timex>> time, Map<String, List<Entity>> names) {
        Memo() {
            this(new java.util.concurrent.ConcurrentHashMap<>(), new java.util.concurrent.ConcurrentHashMap<>());
        }
    }

    private void runCoreNlp(Map<String, NlpPrefilter.Selection> toNlp, Map<String, TextFeatures> out) {
        Memo memo = new Memo();
        if (pool == null) {
            toNlp.forEach((text, chosen) -> out.put(text, features(text, chosen, memo)));
            return;
        }
        Map<String, Future<TextFeatures>> futures = new LinkedHashMap<>();
        toNlp.forEach((text, chosen) -> futures.put(text, pool.submit(() -> features(text, chosen, memo))));
        try {
            for (Map.Entry<String, Future<TextFeatures>> e : futures.entrySet()) {
                out.put(e.getKey(), e.getValue().get());
            }
        } catch (InterruptedException e) {
            futures.values().forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while annotating", e);
        } catch (ExecutionException e) {
            futures.values().forEach(f -> f.cancel(true));
            throw new IllegalStateException("CoreNLP failed: " + e.getCause(), e.getCause());
        }
    }

    private TextFeatures features(String text, NlpPrefilter.Selection chosen, Memo memo) {
        List<Timex> temporals = new ArrayList<>();
        List<Entity> entities = new ArrayList<>();
        List<NumberMention> numbers = numbers(text, chosen);
        if (chosen.timeText() != null) {
            sentToSuTime.addAndGet(1);
            annotateWindows(chosen.timeText(), memo.time(), this::timexes, temporals);
        }
        if (chosen.namesText() != null) {
            annotateWindows(chosen.namesText(), memo.names(), this::names, entities);
        }
        return new TextFeatures(temporals, entities, numbers);
    }

    /**
     * Annotates each window (one per line) once per call: a window already in the memo is reused. Not
     * computeIfAbsent, which would hold the map's bin while CoreNLP runs and block the other thread.
     */
    private static <T> void annotateWindows(String windows, Map<String, List<T>> memo,
                                            Function<String, List<T>> annotate, List<T> out) {
        for (String window : windows.split("\n")) {
            List<T> found = memo.get(window);
            if (found == null) {
                found = annotate.apply(window);
                memo.putIfAbsent(window, found);
            }
            out.addAll(found);
        }
    }

    private List<Timex> timexes(String window) {
        long t0 = System.nanoTime();
        List<CoreMap> found = mentions(Pipelines.TIME, window);
        suTimeNanos.addAndGet(System.nanoTime() - t0);
        List<Timex> out = new ArrayList<>();
        for (CoreMap m : found) {
            String mentionText = m.get(CoreAnnotations.TextAnnotation.class);
            edu.stanford.nlp.time.Timex timex = m.get(TimeAnnotations.TimexAnnotation.class);
            if (timex != null) {
                out.add(TimexYears.timex(mentionText, timex.timexType(), timex.value()));
            }
        }
        return List.copyOf(out);
    }

    private List<Entity> names(String window) {
        long t0 = System.nanoTime();
        List<CoreMap> found = mentions(Pipelines.NAMES, window);
        namesNanos.addAndGet(System.nanoTime() - t0);
        List<Entity> out = new ArrayList<>();
        for (CoreMap m : found) {
            String type = m.get(CoreAnnotations.EntityTypeAnnotation.class);
            if (isNameType(type)) {
                out.add(new Entity(m.get(CoreAnnotations.TextAnnotation.class), type));
            }
        }
        return List.copyOf(out);
    }

    /** The entity mentions CoreNLP finds, without the pronoun mentions it adds for coreference (tagged O). */
    private List<CoreMap> mentions(StanfordCoreNLP nlp, String chosen) {
        Annotation doc = new Annotation(chosen);
        nlp.annotate(doc);
        List<CoreMap> out = new ArrayList<>();
        List<CoreMap> mentions = doc.get(CoreAnnotations.MentionsAnnotation.class);
        for (CoreMap m : mentions == null ? List.<CoreMap>of() : mentions) {
            List<CoreLabel> tokens = m.get(CoreAnnotations.TokensAnnotation.class);
            if (m.get(CoreAnnotations.EntityTypeAnnotation.class) != null && !tokens.isEmpty()
                    && !"O".equals(tokens.get(0).ner())) {
                out.add(m);
            }
        }
        return out;
    }

    /** Numbers written with digits (regex) and number-word phrases (CoreNLP's normalizer), in that order. */
    private static List<NumberMention> numbers(String text, NlpPrefilter.Selection chosen) {
        List<NumberMention> numbers = new ArrayList<>(DigitNumbers.find(text));
        if (chosen != null) {
            for (String phrase : chosen.numberPhrases()) {
                Double value = wordValue(phrase);
                if (value != null) {
                    numbers.add(new NumberMention(phrase, null, value));
                }
            }
        }
        return numbers;
    }

    /** The value of a number-word phrase, or null when the normalizer cannot read it ("dozens"). */
    static Double wordValue(String phrase) {
        try {
            Number n = NumberNormalizer.wordToNumber(phrase);
            return n == null ? null : n.doubleValue();
        } catch (RuntimeException e) { // a heuristic parser: NumberFormatException, and worse on odd input
            return null;
        }
    }

    private static boolean isNameType(String type) {
        return switch (type) {
            case "PERSON", "LOCATION", "ORGANIZATION", "MISC" -> true;
            default -> false;
        };
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** CoreNLP's own per-annotator timing, for benchmarks. */
    public static String pipelineTiming() {
        return Pipelines.TIME.timingInformation() + "\n" + Pipelines.NAMES.timingInformation();
    }

    /**
     * The two pipelines, built on first use (seconds, ~0.5 GB) and shared by every instance; CoreNLP's annotate is
     * thread-safe. They share the tokenizer through CoreNLP's annotator pool; TIME runs only the
     * rule-based NER (SUTime and the numeric classifiers), NAMES only the 3-class CRF, because SUTime costs about
     * ten times the CRF per token and most sentences need only one of them.
     */
    private static final class Pipelines {
        static final StanfordCoreNLP TIME = build(true);
        static final StanfordCoreNLP NAMES = build(false);

        private static StanfordCoreNLP build(boolean time) {
            RedwoodConfiguration.errorLevel().apply(); // CoreNLP logs every model load at INFO on stderr
            Properties p = new Properties();
            // The 3-class CRF uses no part-of-speech features and neither model reads lemmas; SUTime's rules and
            // the numeric classifiers do match on tags. Leaving out what is unused saves about a third of the CPU.
            p.setProperty("annotators", time ? "tokenize,ssplit,pos,ner" : "tokenize,ssplit,ner");
            p.setProperty("enforceRequirements", "false");
            p.setProperty("tokenize.options", "untokenizable=noneDelete");
            p.setProperty("ssplit.newlineIsSentenceBreak", "always"); // the prefilter joins sentences by lines
            p.setProperty("ner.model", "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz");
            p.setProperty("ner.applyFineGrained", "false");
            p.setProperty("ner.buildEntityMentions", "true");
            p.setProperty("ner.useSUTime", Boolean.toString(time));
            p.setProperty("ner.applyNumericClassifiers", Boolean.toString(time));
            p.setProperty(time ? "ner.rulesOnly" : "ner.statisticalOnly", "true");
            // No ner.docdate.*: relative expressions stay unresolved (see the class comment).
            return new StanfordCoreNLP(p);
        }
    }
}
