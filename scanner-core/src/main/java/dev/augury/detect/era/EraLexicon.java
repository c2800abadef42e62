package dev.augury.detect.era;

import dev.augury.rules.RulePacks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The era lexicon: every entry of the {@code era-lexicon} rule packs, with a matcher that finds them in text.
 *
 * <p>Forms (terms and variants) are split into words by {@link EraTokenizer} (Lucene's analysis chain) and stored in a
 * word trie keyed by each word's minimal stem, so one pass over a text finds single and multi-word names, in any
 * case, with or without diacritics, in the plural or possessive; at each position the longest name wins. A second trie
 * holds the entries' modern names ({@link #modernCounterpartOf}). Long proper names also match at edit distance one
 * through a deletion index (the symmetric-delete method): a word's one-letter deletions are looked up, and candidates
 * are confirmed with a bounded Damerau-Levenshtein check. Immutable and thread-safe once built.
 */
public final class EraLexicon {
    /** The rule-pack kind this class reads. */
    public static final String KIND = "era-lexicon";
    /**
     * Shortest lexicon word matched at edit distance one: in shorter words one letter turns a name into another real
     * word or name (Siam/Sian, Pekin/Pekan), while 8-letter names rarely have a one-edit neighbour that is a word.
     */
    public static final int FUZZY_MIN_LENGTH = 8;
    /**
     * Shortest misspelt word of a name of several words matched at edit distance one: the other words, matched as
     * written, anchor it ("Kildeer Plover", "Virginian Partridge").
     */
    public static final int MULTI_WORD_FUZZY_MIN_LENGTH = 5;

    private final List<EraTerm> terms;
    private final EraTokenizer tokenizer = new EraTokenizer();
    private final Node obsoleteRoot = new Node();
    private final Node modernRoot = new Node();
    /** One-deletion keys of long capitalized names to their entries, for fuzzy matching. */
    private final Map<String, List<FuzzyTarget>> fuzzyIndex = new HashMap<>();
    /**
     * Capitalized names of two or more words by the stem of their first and of their second word, for matching them
     * with one word misspelt by one edit ("Kildeer Plover" for Killdeer Plover).
     */
    private final Map<String, List<MultiWordTarget>> multiWordByFirst = new HashMap<>();
    private final Map<String, List<MultiWordTarget>> multiWordBySecond = new HashMap<>();
    /** Every word that occurs in some form or modern name: such a word is never a misspelling of another entry. */
    private final Set<String> knownWords = new HashSet<>();
    private final Map<String, EraTerm> byTerm = new HashMap<>();

    private EraLexicon(List<EraTerm> terms) {
        this.terms = List.copyOf(terms);
        for (EraTerm t : this.terms) {
            byTerm.put(key(t.term()), t);
            for (String form : t.forms()) {
                insert(obsoleteRoot, t, form, false);
            }
            if (t.modern() != null && !t.modern().isBlank()) {
                insert(modernRoot, t, t.modern(), false);
                // A modern name in the obsolete trie blocks the obsolete names inside it or equal to it up to
                // diacritics and plural: "Great Crested Flycatcher" is not "Crested Flycatcher", "Lyon" not "Lyons".
                insert(obsoleteRoot, t, t.modern(), true);
            }
        }
        for (EraTerm t : this.terms) {
            if (!t.kind().allowsFuzzy()) {
                continue;
            }
            for (String form : t.forms()) {
                List<EraTokenizer.Token> words = tokenizer.tokenize(form);
                if (words.size() >= 2 && Character.isUpperCase(form.charAt(0))) {
                    MultiWordTarget target = new MultiWordTarget(t, form, words);
                    multiWordByFirst.computeIfAbsent(words.get(0).stem(), x -> new ArrayList<>(1)).add(target);
                    multiWordBySecond.computeIfAbsent(words.get(1).stem(), x -> new ArrayList<>(1)).add(target);
                }
                if (words.size() == 1 && words.get(0).folded().length() >= FUZZY_MIN_LENGTH
                        && Character.isUpperCase(form.charAt(0))) {
                    String folded = words.get(0).folded();
                    FuzzyTarget target = new FuzzyTarget(t, form, folded);
                    for (String k : deletionsAndSelf(folded)) {
                        fuzzyIndex.computeIfAbsent(k, x -> new ArrayList<>(1)).add(target);
                    }
                }
            }
        }
    }

    /**
     * The lexicon of every {@code era-lexicon} pack, in load order. A later entry with the same term (ignoring case)
     * replaces an earlier one, so a pack given with {@code --rules} can correct a default entry.
     */
    public static EraLexicon from(RulePacks packs) {
        return of(packs.entries(KIND, EraTerm.class));
    }

    /** A lexicon of the given entries (same replacement rule as {@link #from}). */
    public static EraLexicon of(List<EraTerm> entries) {
        Map<String, EraTerm> unique = new LinkedHashMap<>();
        for (EraTerm t : entries) {
            unique.remove(key(t.term()));
            unique.put(key(t.term()), t);
        }
        return new EraLexicon(new ArrayList<>(unique.values()));
    }

    public List<EraTerm> terms() {
        return terms;
    }

    public int size() {
        return terms.size();
    }

    /** The entry whose term is {@code term} (ignoring case), if any. */
    public Optional<EraTerm> entry(String term) {
        return Optional.ofNullable(byTerm.get(key(term)));
    }

    /** Era terms (obsolete or period names) in {@code text}, in text order, leftmost-longest, one per entry and span. */
    public List<EraMatch> find(String text) {
        return scan(obsoleteRoot, text, true);
    }

    /**
     * The entries whose modern counterpart is named in {@code text} ("Kaliningrad" gives the entry "Königsberg"), so
     * a detector can tell an answer in current names from one in obsolete names. No fuzzy matching: a near miss of
     * a modern name is not evidence of anything.
     */
    public List<EraMatch> modernCounterpartOf(String text) {
        return scan(modernRoot, text, false);
    }

    // ---- building ----

    private void insert(Node root, EraTerm entry, String form, boolean blocker) {
        List<EraTokenizer.Token> words = tokenizer.tokenize(form);
        if (words.isEmpty()) {
            return;
        }
        boolean[] hyphenBefore = new boolean[words.size()];
        Node node = root;
        for (int k = 0; k < words.size(); k++) {
            EraTokenizer.Token w = words.get(k);
            knownWords.add(w.folded());
            knownWords.add(w.stem());
            if (k > 0) {
                hyphenBefore[k] = form.substring(words.get(k - 1).end(), w.start()).indexOf('-') >= 0;
            }
            node = node.next.computeIfAbsent(w.stem(), x -> new Node());
        }
        if (node.targets.isEmpty()) {
            node.targets = new ArrayList<>(1);
        }
        node.targets.add(new Target(entry, form, words, hyphenBefore, blocker));
    }

    // ---- matching ----

    private List<EraMatch> scan(Node root, String text, boolean fuzzy) {
        List<EraTokenizer.Token> tokens = tokenizer.tokenize(text);
        if (tokens.isEmpty()) {
            return List.of();
        }
        List<EraMatch> out = new ArrayList<>();
        int n = tokens.size();
        int i = 0;
        while (i < n) {
            Longest best = longestAt(root, tokens, i, text);
            int bestLen = best == null ? 0 : best.length();
            if (bestLen > 0 && overtaken(root, tokens, i, bestLen, text)) {
                i++; // a longer name starts inside this one ("the wireless" in "the wireless telegraph"): it wins
                continue;
            }
            if (bestLen > 0) {
                if (!blocked(best.targets(), tokens, i)) {
                    emit(out, best.targets(), tokens, i, bestLen, text);
                }
                i += bestLen;
                continue;
            }
            if (fuzzy) {
                int matched = multiWordFuzzyAt(out, tokens, i, text);
                if (matched > 0) {
                    i += matched;
                    continue;
                }
                if (!fuzzyIndex.isEmpty()) {
                    fuzzyAt(out, tokens.get(i), text);
                }
            }
            i++;
        }
        return out;
    }

    /** The targets of the longest name that fits at a token, and its length in tokens. */
    private record Longest(List<Target> targets, int length) {
    }

    /** The longest name that fits at token {@code i}, or null for none. */
    private static Longest longestAt(Node root, List<EraTokenizer.Token> tokens, int i, String text) {
        Node node = root;
        Longest best = null;
        for (int j = i; j < tokens.size(); j++) {
            node = node.next.get(tokens.get(j).stem());
            if (node == null) {
                break;
            }
            if (!node.targets.isEmpty()) {
                List<Target> fitting = fitting(node.targets, tokens, i, text);
                if (!fitting.isEmpty()) {
                    best = new Longest(fitting, j - i + 1);
                }
            }
        }
        return best;
    }

    /**
     * Whether a name at least as long as the one of {@code length} tokens at {@code i} starts inside it and ends after
     * it: the later name is the more specific reading ("the wireless" against "wireless telegraph").
     */
    private static boolean overtaken(Node root, List<EraTokenizer.Token> tokens, int i, int length, String text) {
        for (int k = i + 1; k < i + length; k++) {
            Longest inner = longestAt(root, tokens, k, text);
            if (inner != null) {
                int innerLength = inner.length();
                if (innerLength >= length && k + innerLength > i + length) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The targets whose hyphens and capitalization the text at {@code i} honours. */
    private static List<Target> fitting(List<Target> targets, List<EraTokenizer.Token> tokens, int i, String text) {
        List<Target> ok = new ArrayList<>(targets.size());
        for (Target t : targets) {
            if (t.fits(tokens, i, text)) {
                ok.add(t);
            }
        }
        return ok;
    }

    /**
     * True when a modern name matches the span at least as well as every obsolete form does: the text then names
     * the modern thing ("Marseille" blocks the lemma match of "Marseilles"; "Marseilles" itself is an exact match of
     * the obsolete form and is not blocked).
     */
    private static boolean blocked(List<Target> targets, List<EraTokenizer.Token> tokens, int i) {
        MatchKind bestBlocker = null;
        MatchKind bestObsolete = null;
        for (Target t : targets) {
            MatchKind k = t.matchKind(tokens, i);
            if (t.blocker) {
                bestBlocker = bestBlocker == null || k.compareTo(bestBlocker) < 0 ? k : bestBlocker;
            } else {
                bestObsolete = bestObsolete == null || k.compareTo(bestObsolete) < 0 ? k : bestObsolete;
            }
        }
        if (bestBlocker == null || bestObsolete == null) {
            return bestBlocker != null;
        }
        // A form that is an entry of its own and also the modern name of an older entry (a chain: "talking machine"
        // was replaced by "phonograph", itself current 1877-1930) is matched as its own entry: its span says when it
        // was current. Only an inexact tie (a plural, a near miss) is left to the modern reading.
        boolean exactTie = bestBlocker == bestObsolete
                && (bestObsolete == MatchKind.EXACT || bestObsolete == MatchKind.CASE_INSENSITIVE);
        return bestBlocker.compareTo(bestObsolete) <= 0 && !exactTie;
    }

    private static void emit(List<EraMatch> out, List<Target> targets, List<EraTokenizer.Token> tokens, int i, int len,
                             String text) {
        int start = tokens.get(i).start();
        int end = tokens.get(i + len - 1).end();
        String matched = text.substring(start, end);
        // One match per entry: the strongest of its forms that matched here.
        Map<EraTerm, EraMatch> perEntry = new LinkedHashMap<>();
        for (Target t : targets) {
            if (t.blocker) {
                continue;
            }
            MatchKind kind = t.matchKind(tokens, i);
            EraMatch m = new EraMatch(t.entry, t.form, matched, start, end, kind);
            perEntry.merge(t.entry, m, (a, b) -> a.kind().compareTo(b.kind()) <= 0 ? a : b);
        }
        out.addAll(perEntry.values());
    }

    private void fuzzyAt(List<EraMatch> out, EraTokenizer.Token token, String text) {
        String word = token.folded();
        // Only capitalized words are tried: fuzzy targets are proper names, and a lowercase word near one is
        // far more often an ordinary word than a misspelt name.
        if (word.length() < FUZZY_MIN_LENGTH - 1 || !Character.isUpperCase(token.plain().charAt(0))
                || knownWords.contains(word) || knownWords.contains(token.stem())) {
            return;
        }
        Set<EraTerm> seen = new HashSet<>();
        for (String k : deletionsAndSelf(word)) {
            for (FuzzyTarget t : fuzzyIndex.getOrDefault(k, List.of())) {
                if (seen.contains(t.entry)
                        || word.charAt(0) != t.folded.charAt(0) || !withinOneEdit(word, t.folded)) {
                    continue;
                }
                seen.add(t.entry);
                out.add(new EraMatch(t.entry, t.form, text.substring(token.start(), token.end()), token.start(),
                        token.end(), MatchKind.FUZZY));
            }
        }
    }

    /**
     * A capitalized name of several words at token {@code i} with exactly one word misspelt by one edit and the
     * others as in the pack (by stem); the misspelt word is at least {@link #MULTI_WORD_FUZZY_MIN_LENGTH} letters,
     * capitalized, and no word of the pack. The other words anchor it, so shorter words qualify than for a name of
     * one word. Returns the tokens matched (the first fitting name), 0 for none.
     */
    private int multiWordFuzzyAt(List<EraMatch> out, List<EraTokenizer.Token> tokens, int i, String text) {
        if (multiWordByFirst.isEmpty() || !Character.isUpperCase(tokens.get(i).plain().charAt(0))) {
            return 0;
        }
        int matched = multiWordFuzzyAt(out, multiWordByFirst.get(tokens.get(i).stem()), tokens, i, text);
        if (matched == 0 && i + 1 < tokens.size()) {
            matched = multiWordFuzzyAt(out, multiWordBySecond.get(tokens.get(i + 1).stem()), tokens, i, text);
        }
        return matched;
    }

    private int multiWordFuzzyAt(List<EraMatch> out, List<MultiWordTarget> candidates, List<EraTokenizer.Token> tokens,
                                 int i, String text) {
        if (candidates == null) {
            return 0;
        }
        for (MultiWordTarget t : candidates) {
            int length = t.words().size();
            if (i + length > tokens.size() || !oneWordMisspelt(t.words(), tokens, i)) {
                continue;
            }
            EraTokenizer.Token last = tokens.get(i + length - 1);
            String span = text.substring(tokens.get(i).start(), last.end());
            if (!modernCounterpartOf(span).isEmpty()) {
                continue; // the span names something current
            }
            out.add(new EraMatch(t.entry(), t.form(), span, tokens.get(i).start(), last.end(), MatchKind.FUZZY));
            return length;
        }
        return 0;
    }

    private boolean oneWordMisspelt(List<EraTokenizer.Token> words, List<EraTokenizer.Token> tokens, int i) {
        int misspelt = 0;
        for (int k = 0; k < words.size(); k++) {
            EraTokenizer.Token w = words.get(k);
            EraTokenizer.Token t = tokens.get(i + k);
            if (w.stem().equals(t.stem())) {
                continue;
            }
            String folded = t.folded();
            if (++misspelt > 1 || folded.length() < MULTI_WORD_FUZZY_MIN_LENGTH
                    || w.folded().length() < MULTI_WORD_FUZZY_MIN_LENGTH
                    || !Character.isUpperCase(t.plain().charAt(0)) || folded.charAt(0) != w.folded().charAt(0)
                    || knownWords.contains(folded) || knownWords.contains(t.stem())
                    || !withinOneEdit(folded, w.folded())) {
                return false;
            }
        }
        return misspelt == 1;
    }

    private static List<String> deletionsAndSelf(String w) {
        List<String> keys = new ArrayList<>(w.length() + 1);
        keys.add(w);
        for (int i = 0; i < w.length(); i++) {
            keys.add(w.substring(0, i) + w.substring(i + 1));
        }
        return keys;
    }

    /** True when a and b differ by at most one insertion, deletion, substitution or adjacent transposition. */
    static boolean withinOneEdit(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int p = 0;
        while (p < Math.min(la, lb) && a.charAt(p) == b.charAt(p)) {
            p++;
        }
        if (la == lb) {
            if (a.substring(p + 1).equals(b.substring(p + 1))) {
                return true; // substitution
            }
            return p + 1 < la && a.charAt(p) == b.charAt(p + 1) && a.charAt(p + 1) == b.charAt(p)
                    && a.substring(p + 2).equals(b.substring(p + 2)); // transposition
        }
        return la > lb ? a.substring(p + 1).equals(b.substring(p)) : a.substring(p).equals(b.substring(p + 1));
    }

    private static String key(String term) {
        return term.strip().toLowerCase(Locale.ROOT);
    }

    private static final class Node {
        final Map<String, Node> next = new HashMap<>(4);
        List<Target> targets = Collections.emptyList();
    }

    private record FuzzyTarget(EraTerm entry, String form, String folded) {
    }

    private record MultiWordTarget(EraTerm entry, String form, List<EraTokenizer.Token> words) {
    }

    /** One written form at the end of a trie path; a blocker is a modern name that stops obsolete matches. */
    private record Target(EraTerm entry, String form, List<EraTokenizer.Token> words, boolean[] hyphenBefore,
                          boolean blocker) {
        boolean fits(List<EraTokenizer.Token> tokens, int i, String text) {
            for (int k = 0; k < words.size(); k++) {
                EraTokenizer.Token t = tokens.get(i + k);
                if (k > 0 && hyphenBefore[k] && text.substring(tokens.get(i + k - 1).end(), t.start()).indexOf('-') < 0) {
                    return false; // "to-day" is a period spelling; "to day" is not
                }
                if (!blocker) {
                    boolean formUpper = Character.isUpperCase(words.get(k).plain().charAt(0));
                    boolean textUpper = Character.isUpperCase(t.plain().charAt(0));
                    if (entry.caseSensitive() && formUpper != textUpper) {
                        return false;
                    }
                    if (entry.kind().isProperName() && formUpper && !textUpper) {
                        return false; // "bones" is not "Bône"
                    }
                }
            }
            return true;
        }

        MatchKind matchKind(List<EraTokenizer.Token> tokens, int i) {
            boolean plainSame = true;
            boolean foldedSame = true;
            for (int k = 0; k < words.size(); k++) {
                EraTokenizer.Token t = tokens.get(i + k);
                plainSame &= t.plain().equals(words.get(k).plain());
                foldedSame &= t.folded().equals(words.get(k).folded());
            }
            return plainSame ? MatchKind.EXACT : foldedSame ? MatchKind.CASE_INSENSITIVE : MatchKind.LEMMA;
        }
    }
}
