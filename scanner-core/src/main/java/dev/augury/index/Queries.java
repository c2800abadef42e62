package dev.augury.index;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** Free text to a Lucene query without query-parser syntax, so user text with ':' or '(' cannot break it. */
final class Queries {
    private Queries() {
    }

    /** Any analyzed term of {@code text} in any of the fields (BM25 sums the matches); null when no term. */
    static Query anyTerm(List<String> fields, String text) {
        Set<String> terms = new LinkedHashSet<>(TextAnalysis.stems(text));
        if (terms.isEmpty() || fields.isEmpty()) {
            return null;
        }
        // BooleanQuery allows 1024 clauses by default; longer queries keep their first terms
        int maxTerms = Math.max(1, IndexSearcher.getMaxClauseCount() / fields.size());
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int n = 0;
        for (String term : terms) {
            if (n++ == maxTerms) {
                break;
            }
            for (String field : fields) {
                b.add(new TermQuery(new Term(field, term)), BooleanClause.Occur.SHOULD);
            }
        }
        return b.build();
    }
}
