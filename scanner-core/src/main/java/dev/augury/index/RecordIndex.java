package dev.augury.index;

import dev.augury.scan.DatasetView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * A BM25 index over a dataset's prompts, responses and system prompts, in memory, one Lucene document per row
 * (English analysis: lowercased, stop words dropped, Porter stems; see {@link TextAnalysis#stems}). Read-only once
 * built and safe to share between threads.
 */
public final class RecordIndex implements AutoCloseable {
    /** The indexed text of a row. */
    public enum Field {
        PROMPT, RESPONSE, SYSTEM;

        String luceneName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A matching row and its BM25 score. */
    public record Hit(int row, float score) {
    }

    private static final String ROW = "row";
    /** Text fields keep term vectors so that {@link #termVector} can give a row's analyzed terms. */
    private static final FieldType TEXT = textType();

    private final ByteBuffersDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    private RecordIndex(ByteBuffersDirectory directory) throws IOException {
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
    }

    /** Indexes every row of the view. */
    public static RecordIndex build(DatasetView view) {
        int n = view.size();
        List<String> prompts = new ArrayList<>(n);
        List<String> responses = new ArrayList<>(n);
        List<String> systems = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            prompts.add(view.prompt(i));
            responses.add(view.response(i));
            systems.add(view.system(i));
        }
        return of(prompts, responses, systems);
    }

    /** Indexes rows given as columns of equal length; null entries (no answer, no system prompt) are skipped. */
    public static RecordIndex of(List<String> prompts, List<String> responses, List<String> systems) {
        if (responses.size() != prompts.size() || systems.size() != prompts.size()) {
            throw new IllegalArgumentException("columns must have one entry per row");
        }
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(TextAnalysis.STEMS))) {
            for (int row = 0; row < prompts.size(); row++) {
                Document doc = new Document();
                doc.add(new IntField(ROW, row, org.apache.lucene.document.Field.Store.YES));
                addText(doc, Field.PROMPT, prompts.get(row));
                addText(doc, Field.RESPONSE, responses.get(row));
                addText(doc, Field.SYSTEM, systems.get(row));
                writer.addDocument(doc);
            }
            writer.commit();
            return new RecordIndex(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory index failed", e);
        }
    }

    private static void addText(Document doc, Field field, String text) {
        if (text != null) {
            doc.add(new org.apache.lucene.document.Field(field.luceneName(), text, TEXT));
        }
    }

    public int size() {
        return reader.numDocs();
    }

    /** The best {@code limit} rows for a free-text query (any analyzed term may match), best first. */
    public List<Hit> search(Field field, String query, int limit) {
        Query q = Queries.anyTerm(List.of(field.luceneName()), query);
        if (q == null || limit < 1) {
            return List.of();
        }
        try {
            TopDocs top = searcher.search(q, limit);
            List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) {
                hits.add(new Hit(row(sd.doc), sd.score));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * In how many rows the field contains the word, after the same analysis ("Cats" counts rows with "cat"); 0 for
     * a stop word. A phrase counts by its first analyzed term.
     */
    public int docFrequency(Field field, String word) {
        List<String> terms = TextAnalysis.stems(word);
        if (terms.isEmpty()) {
            return 0;
        }
        try {
            return reader.docFreq(new Term(field.luceneName(), terms.get(0)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The analyzed terms of one row's field with their counts, sorted by term; empty when the field is absent. */
    public Map<String, Integer> termVector(Field field, int row) {
        try {
            TopDocs top = searcher.search(IntField.newExactQuery(ROW, row), 1);
            if (top.scoreDocs.length == 0) {
                throw new IndexOutOfBoundsException("no row " + row);
            }
            Terms terms = reader.termVectors().get(top.scoreDocs[0].doc, field.luceneName());
            Map<String, Integer> out = new TreeMap<>();
            if (terms != null) {
                TermsEnum it = terms.iterator();
                for (BytesRef t = it.next(); t != null; t = it.next()) {
                    out.put(t.utf8ToString(), (int) it.totalTermFreq());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int row(int docId) throws IOException {
        return reader.storedFields().document(docId).getField(ROW).numericValue().intValue();
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FieldType textType() {
        FieldType t = new FieldType(TextField.TYPE_NOT_STORED);
        t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        t.setStoreTermVectors(true);
        t.freeze();
        return t;
    }
}
