package dev.augury.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An in-memory index over rule-pack documents (knowledge-base entries, lexicon items, probe prompts): BM25 over
 * chosen text fields and nearest neighbours by cosine similarity of their vectors. Built once with {@link #builder()},
 * then read-only and safe to share between threads.
 */
public final class KnowledgeIndex implements AutoCloseable {
    /**
     * Up to this many vectors, nearest neighbours are exact dot products over an array: 10,000 x 384 floats is ~4M
     * multiply-adds (a few ms) per query, while building an HNSW graph costs about as much per vector as encoding
     * it (~1,000 vectors/s on 2 cores, ARCHITECTURE.md). Above it, vectors go into a Lucene HNSW graph.
     */
    public static final int EXACT_KNN_MAX = 10_000;

    private static final String ID = "id";
    private static final String VECTOR = "vector";

    /** A document and its score: BM25 for {@link #search}, cosine similarity for {@link #nearest}. */
    public record Hit(String id, float score) {
    }

    private final ByteBuffersDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final List<String> ids;
    /** Unit-length copies of the vectors for exact search; null when the HNSW graph holds them. */
    private final float[][] exactVectors;
    private final int dimension;

    private KnowledgeIndex(ByteBuffersDirectory directory, List<String> ids, float[][] exactVectors, int dimension)
            throws IOException {
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
        this.ids = List.copyOf(ids);
        this.exactVectors = exactVectors;
        this.dimension = dimension;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects documents; {@link #build()} indexes them. */
    public static final class Builder {
        private final Map<String, Map<String, String>> fields = new LinkedHashMap<>();
        private final Map<String, float[]> vectors = new LinkedHashMap<>();
        private int dimension = -1;

        private Builder() {
        }

        /**
         * Adds a document.
         *
         * @param id     unique id (e.g. a rule-pack entry id)
         * @param text   field name to text; every field is analyzed like {@link TextAnalysis#stems}
         * @param vector optional embedding (all vectors of an index have one dimension), or null
         */
        public Builder add(String id, Map<String, String> text, float[] vector) {
            if (fields.containsKey(id)) {
                throw new IllegalArgumentException("duplicate id " + id);
            }
            if (text.containsKey(ID)) {
                throw new IllegalArgumentException("'id' is reserved, not a text field");
            }
            fields.put(id, new LinkedHashMap<>(text));
            if (vector != null) {
                if (dimension >= 0 && vector.length != dimension) {
                    throw new IllegalArgumentException("vector of " + id + " has dimension " + vector.length
                            + ", others " + dimension);
                }
                dimension = vector.length;
                vectors.put(id, vector.clone());
            }
            return this;
        }

        public KnowledgeIndex build() {
            return build(EXACT_KNN_MAX);
        }

        /** As {@link #build()} with another threshold, so tests can reach the HNSW path with few vectors. */
        KnowledgeIndex build(int exactKnnMax) {
            boolean graph = vectors.size() > exactKnnMax;
            ByteBuffersDirectory dir = new ByteBuffersDirectory();
            List<String> ids = new ArrayList<>(fields.keySet());
            float[][] exact = graph ? null : new float[ids.size()][];
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(TextAnalysis.STEMS))) {
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    Document doc = new Document();
                    doc.add(new StoredField(ID, i));
                    fields.get(id).forEach((name, value) -> {
                        if (value != null) {
                            doc.add(new TextField(name, value, Field.Store.NO));
                        }
                    });
                    float[] v = vectors.get(id);
                    if (v != null) {
                        float[] unit = unit(v);
                        if (graph) {
                            doc.add(new KnnFloatVectorField(VECTOR, unit, VectorSimilarityFunction.DOT_PRODUCT));
                        } else {
                            exact[i] = unit;
                        }
                    }
                    writer.addDocument(doc);
                }
                writer.commit();
                return new KnowledgeIndex(dir, ids, exact, Math.max(dimension, 0));
            } catch (IOException e) {
                throw new UncheckedIOException("in-memory index failed", e);
            }
        }
    }

    public int size() {
        return ids.size();
    }

    /** The best {@code limit} documents for a free-text query over the given fields (BM25), best first. */
    public List<Hit> search(String query, int limit, String... fields) {
        Query q = Queries.anyTerm(List.of(fields), query);
        if (q == null || limit < 1) {
            return List.of();
        }
        try {
            return hits(searcher.search(q, limit), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code k} documents whose vectors are most similar to {@code query} (cosine), most similar first. */
    public List<Hit> nearest(float[] query, int k) {
        if (k < 1) {
            return List.of();
        }
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has dimension " + query.length + ", index " + dimension);
        }
        float[] q = unit(query);
        if (exactVectors == null) {
            try {
                return hits(searcher.search(new KnnFloatVectorQuery(VECTOR, q, k), k), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Hit> all = new ArrayList<>();
        for (int i = 0; i < exactVectors.length; i++) {
            if (exactVectors[i] != null) {
                all.add(new Hit(ids.get(i), dot(q, exactVectors[i])));
            }
        }
        // ties broken by insertion order, so results are stable
        all.sort(Comparator.comparingDouble((Hit h) -> -h.score()));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    private List<Hit> hits(TopDocs top, boolean lucenesDotProductScore) throws IOException {
        List<Hit> out = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            int i = reader.storedFields().document(sd.doc).getField(ID).numericValue().intValue();
            // Lucene scores DOT_PRODUCT as (1 + cos) / 2; give back the cosine
            out.add(new Hit(ids.get(i), lucenesDotProductScore ? 2 * sd.score - 1 : sd.score));
        }
        return out;
    }

    private static float dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return (float) s;
    }

    private static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        if (n == 0) {
            throw new IllegalArgumentException("zero vector");
        }
        float[] out = new float[v.length];
        double inv = 1 / Math.sqrt(n);
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * inv);
        }
        return out;
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
}
