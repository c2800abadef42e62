package dev.augury.text;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.time.TimeAnnotations;
import edu.stanford.nlp.util.CoreMap;
import edu.stanford.nlp.util.logging.RedwoodConfiguration;
import java.time.LocalDate;
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

/**
 * Temporal expressions (SUTime), named entities (3-class CRF) and numbers with Stanford CoreNLP, run only where
 * needed. Texts are deduplicated; each text's sentences are screened by {@link NlpPrefilter} and only the
 * sentences that may hold a date, a number word or a name go to CoreNLP (cut to {@link #MAX_NLP_CHARS}); numbers
 * written with digits come from a regular expression over the whole text. The CoreNLP pipeline is loaded once per
 * JVM, on first need, and shared by every instance; relative dates ("today", "last week") resolve against the
 * document date given here, so they are the same on every run.
 */
public final class CoreNlpAnnotator implements Annotator {
    /**
     * Characters of chosen sentences sent to CoreNLP per text: ~500 tokens, several times a typical chat turn,
     * while a pasted book chapter cannot stall the scan (NER cost grows with length).
     */
    public static final int MAX_NLP_CHARS = 3_000;

    private final LocalDate documentDate;
    private final int threads;
    private final ExecutorService pool;
    private final AtomicLong distinctTexts = new AtomicLong();
    private final AtomicLong sentToCoreNlp = new AtomicLong();
    private final AtomicLong sentencesToCoreNlp = new AtomicLong();
    private final AtomicLong numbersOnly = new AtomicLong();
    private final AtomicLong empty = new AtomicLong();
    private final AtomicLong truncated = new AtomicLong();
    private final AtomicLong coreNlpNanos = new AtomicLong();

    /**
     * @param threads      CoreNLP worker threads (at least 1)
     * @param documentDate the date relative expressions resolve against ("today" is this date)
     */
    public CoreNlpAnnotator(int threads, LocalDate documentDate) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.threads = threads;
        this.documentDate = java.util.Objects.requireNonNull(documentDate, "documentDate");
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "augury-corenlp");
            t.setDaemon(true);
            return t;
        });
    }

    /** What the annotator did so far, summed over all calls. */
    public record Stats(long distinctTexts, long sentToCoreNlp, long sentencesToCoreNlp, long numbersOnly,
                        long empty, long truncated, long coreNlpMillis) {
    }

    public Stats stats() {
        return new Stats(distinctTexts.get(), sentToCoreNlp.get(), sentencesToCoreNlp.get(), numbersOnly.get(),
                empty.get(), truncated.get(), coreNlpNanos.get() / 1_000_000);
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
        Map<String, String> toNlp = new LinkedHashMap<>();
        for (String text : distinct) {
            NlpPrefilter.Selection s = NlpPrefilter.select(text, MAX_NLP_CHARS);
            if (s != null) {
                toNlp.put(text, s.text());
                sentencesToCoreNlp.addAndGet(s.sentences());
                if (s.truncated()) {
                    truncated.incrementAndGet();
                }
                out.put(text, null); // placeholder keeps first-seen order
            } else {
                List<NumberMention> numbers = DigitNumbers.find(text);
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

    private void runCoreNlp(Map<String, String> toNlp, Map<String, TextFeatures> out) {
        StanfordCoreNLP nlp = SharedPipeline.INSTANCE;
        if (pool == null) {
            toNlp.forEach((text, chosen) -> out.put(text, features(nlp, text, chosen)));
            return;
        }
        Map<String, Future<TextFeatures>> futures = new LinkedHashMap<>();
        toNlp.forEach((text, chosen) -> futures.put(text, pool.submit(() -> features(nlp, text, chosen))));
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

    private TextFeatures features(StanfordCoreNLP nlp, String text, String chosen) {
        Annotation doc = new Annotation(chosen);
        doc.set(CoreAnnotations.DocDateAnnotation.class, documentDate.toString());
        nlp.annotate(doc);
        List<Timex> temporals = new ArrayList<>();
        List<Entity> entities = new ArrayList<>();
        List<NumberMention> numbers = new ArrayList<>(DigitNumbers.find(text));
        List<CoreMap> mentions = doc.get(CoreAnnotations.MentionsAnnotation.class);
        for (CoreMap m : mentions == null ? List.<CoreMap>of() : mentions) {
            List<CoreLabel> tokens = m.get(CoreAnnotations.TokensAnnotation.class);
            String type = m.get(CoreAnnotations.EntityTypeAnnotation.class);
            // Pronoun mentions ("he" as PERSON) are added by CoreNLP for coreference; their tokens are tagged O.
            if (type == null || tokens.isEmpty() || "O".equals(tokens.get(0).ner())) {
                continue;
            }
            String mentionText = m.get(CoreAnnotations.TextAnnotation.class);
            edu.stanford.nlp.time.Timex timex = m.get(TimeAnnotations.TimexAnnotation.class);
            if (timex != null) {
                temporals.add(TimexYears.timex(mentionText, timex.timexType(), timex.value()));
            } else if (isNameType(type)) {
                entities.add(new Entity(mentionText, type));
            } else if ("NUMBER".equals(type) && !DigitNumbers.hasDigit(mentionText)) {
                numbers.add(new NumberMention(mentionText, null, parseNormalized(
                        m.get(CoreAnnotations.NormalizedNamedEntityTagAnnotation.class))));
            }
        }
        return new TextFeatures(temporals, entities, numbers);
    }

    private static boolean isNameType(String type) {
        return switch (type) {
            case "PERSON", "LOCATION", "ORGANIZATION", "MISC" -> true;
            default -> false;
        };
    }

    private static Double parseNormalized(String normalized) {
        if (normalized == null) {
            return null;
        }
        try {
            return Double.valueOf(normalized);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    int threads() {
        return threads;
    }

    /** The pipeline, built on first use (a few seconds, ~0.5 GB) and shared; CoreNLP's annotate is thread-safe. */
    private static final class SharedPipeline {
        static final StanfordCoreNLP INSTANCE = build();

        private static StanfordCoreNLP build() {
            RedwoodConfiguration.errorLevel().apply(); // CoreNLP logs every model load at INFO on stderr
            Properties p = new Properties();
            p.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner");
            p.setProperty("tokenize.options", "untokenizable=noneDelete");
            p.setProperty("ssplit.newlineIsSentenceBreak", "always"); // the prefilter joins sentences by lines
            p.setProperty("ner.model", "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz");
            p.setProperty("ner.applyFineGrained", "false");
            p.setProperty("ner.applyNumericClassifiers", "true");
            p.setProperty("ner.useSUTime", "true");
            p.setProperty("ner.buildEntityMentions", "true");
            // No ner.docdate.useFixedDate: it would tie the shared pipeline to one date and override the
            // per-document date that each instance sets, which pins relative dates just as well.
            return new StanfordCoreNLP(p);
        }
    }
}
