package dev.augury.embed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Vectors on disk, keyed by the SHA-256 of the text, one append-only file per model id
 * ({@code vectors-<modelId>.bin}), loaded whole into memory when opened.
 *
 * <p>File format (big-endian): header = magic "AUGEMB", format version (short), dimension (int), model id
 * length (short) and UTF-8 bytes, CRC-32 of all header bytes before it (int); then entries of a fixed size =
 * SHA-256 of the text (32 bytes), the vector ({@code dimension} floats), CRC-32 of key and vector (int).
 *
 * <p>Nothing read from disk is trusted: a file with a bad header, another model id or dimension, or any entry
 * whose checksum fails is discarded and rebuilt, with a warning. A partial last entry (a run that died while
 * appending) is cut off and the complete entries before it are kept. The first process to open the file holds
 * an exclusive lock until it closes; a second one reads what is there and works without writing.
 */
public final class EmbeddingCache implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddingCache.class.getName());
    private static final byte[] MAGIC = "AUGEMB".getBytes(StandardCharsets.US_ASCII);
    /** Bump when the layout changes; older files are then rebuilt. */
    static final short FORMAT_VERSION = 1;
    private static final int KEY_BYTES = 32;
    /** The whole file is read into one byte[]; beyond that (about 1.4 million MiniLM vectors) start afresh. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;
    /** Model ids are short hex digests; anything else in a file name would be unsafe. */
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Path file;
    private final String modelId;
    private final int dimension;
    private final int entryBytes;
    private final Map<Key, float[]> vectors = new HashMap<>();
    private final Map<Key, float[]> pending = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    /** Null when this cache does not write (another process holds the file, or it cannot be written). */
    private FileChannel channel;
    private FileLock lock;
    private boolean closed;

    private EmbeddingCache(Path dir, String modelId, int dimension) {
        this.modelId = modelId;
        this.dimension = dimension;
        this.entryBytes = KEY_BYTES + Float.BYTES * dimension + Integer.BYTES;
        this.file = dir.resolve("vectors-" + modelId + ".bin");
        String whyNotWritable = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM already has it open for writing
            }
            if (lock == null) {
                whyNotWritable = "it is in use by another scan";
            } else {
                loadForWriting();
            }
        } catch (IOException e) {
            whyNotWritable = "it cannot be written: " + e;
        }
        if (whyNotWritable != null) {
            // A cache that cannot be written only costs time: read what is there and go on.
            releaseQuietly();
            warn("The embedding cache " + file + " is read but not written, because " + whyNotWritable + ".");
            vectors.clear();
            readOnly();
        }
    }

    /**
     * Opens (or creates) the cache of one model in {@code dir}. Never fails on a bad, locked or unwritable file:
     * it warns and works with what it can trust (possibly nothing, in memory only).
     */
    public static EmbeddingCache open(Path dir, String modelId, int dimension) {
        if (!MODEL_ID.matcher(modelId).matches()) {
            throw new IllegalArgumentException("Not a model id: " + modelId);
        }
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
        return new EmbeddingCache(dir, modelId, dimension);
    }

    /** The cached vector of this exact text, or null. */
    public synchronized float[] get(String text) {
        return vectors.get(Key.of(text));
    }

    /** Adds vectors (written at the next {@link #flush()}); texts already cached are left alone. */
    public synchronized void putAll(Map<String, float[]> textVectors) {
        for (Map.Entry<String, float[]> entry : textVectors.entrySet()) {
            float[] vector = entry.getValue();
            if (vector.length != dimension) {
                throw new IllegalArgumentException("Vector of dimension " + vector.length + ", cache holds " + dimension);
            }
            Key key = Key.of(entry.getKey());
            if (vectors.putIfAbsent(key, vector) == null && channel != null && !closed) {
                pending.put(key, vector);
            }
        }
    }

    /** Appends the vectors added since the last flush (nothing when another process holds the file). */
    public synchronized void flush() {
        if (channel == null || closed || pending.isEmpty()) {
            pending.clear();
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocate(entryBytes * pending.size()).order(ByteOrder.BIG_ENDIAN);
        for (Map.Entry<Key, float[]> entry : pending.entrySet()) {
            int start = buffer.position();
            entry.getKey().write(buffer);
            for (float x : entry.getValue()) {
                buffer.putFloat(x);
            }
            buffer.putInt(crc(buffer.array(), start, buffer.position() - start));
        }
        buffer.flip();
        try {
            long at = channel.size();
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        } catch (IOException e) {
            // A cache that cannot be written only costs time; the scan goes on.
            warn("Cannot write the embedding cache " + file + ": " + e.getMessage());
        }
        pending.clear();
    }

    public synchronized int size() {
        return vectors.size();
    }

    public Path file() {
        return file;
    }

    public String modelId() {
        return modelId;
    }

    public int dimension() {
        return dimension;
    }

    /** False when another process held the file (this cache reads but never writes) or after close. */
    public synchronized boolean writable() {
        return channel != null && !closed;
    }

    /** What was wrong with the file when it was opened (also logged), oldest first. */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public synchronized void close() {
        if (channel == null || closed) {
            return;
        }
        flush();
        closed = true;
        releaseQuietly();
    }

    private void releaseQuietly() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            warn("Cannot close the embedding cache " + file + ": " + e.getMessage());
        }
        lock = null;
        channel = null;
    }

    private void loadForWriting() throws IOException {
        if (channel.size() > MAX_FILE_BYTES) {
            warn("Discarding the embedding cache " + file + " (larger than " + MAX_FILE_BYTES + " bytes); it will be rebuilt.");
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(header()), 0);
            return;
        }
        byte[] content = readAll(channel);
        Parsed parsed = parse(content);
        if (parsed.problem != null) {
            if (content.length > 0) {
                warn("Discarding the embedding cache " + file + " (" + parsed.problem + "); it will be rebuilt.");
            }
            vectors.clear();
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(header()), 0);
        } else if (parsed.validBytes < content.length) {
            warn("The embedding cache " + file + " ends with a partial entry (" + (content.length - parsed.validBytes)
                    + " bytes); cut it off and kept the " + vectors.size() + " complete entries.");
            channel.truncate(parsed.validBytes);
        }
    }

    private void readOnly() {
        byte[] content;
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            if (reader.size() > MAX_FILE_BYTES) {
                warn("Not using the embedding cache " + file + " (larger than " + MAX_FILE_BYTES + " bytes).");
                return;
            }
            content = readAll(reader);
        } catch (IOException e) {
            return; // nothing readable there: start empty
        }
        Parsed parsed = parse(content);
        if (parsed.problem != null && content.length > 0) {
            // The other process may be rebuilding it right now; use nothing from it.
            vectors.clear();
            warn("Not using the embedding cache " + file + " (" + parsed.problem + ").");
        }
    }

    private record Parsed(String problem, long validBytes) {
    }

    /** Fills {@link #vectors} from the file's bytes, or says why the file cannot be trusted. */
    private Parsed parse(byte[] content) {
        byte[] expected = header();
        if (content.length == 0) {
            return new Parsed("empty", 0);
        }
        if (content.length < MAGIC.length || !Arrays.equals(content, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return new Parsed("not an Augury embedding cache", 0);
        }
        if (content.length < expected.length || !Arrays.equals(content, 0, expected.length, expected, 0, expected.length)) {
            return new Parsed(describeHeaderMismatch(content), 0);
        }
        ByteBuffer buffer = ByteBuffer.wrap(content).order(ByteOrder.BIG_ENDIAN);
        int offset = expected.length;
        while (content.length - offset >= entryBytes) {
            int stored = buffer.getInt(offset + entryBytes - Integer.BYTES);
            if (stored != crc(content, offset, entryBytes - Integer.BYTES)) {
                return new Parsed("checksum mismatch in the entry at byte " + offset, 0);
            }
            Key key = Key.read(buffer, offset);
            float[] vector = new float[dimension];
            for (int j = 0; j < dimension; j++) {
                vector[j] = buffer.getFloat(offset + KEY_BYTES + Float.BYTES * j);
            }
            vectors.putIfAbsent(key, vector);
            offset += entryBytes;
        }
        return new Parsed(null, offset);
    }

    /** Names the mismatch a user would want to know about: another model, another dimension or a bad header. */
    private String describeHeaderMismatch(byte[] content) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(content).order(ByteOrder.BIG_ENDIAN);
            buffer.position(MAGIC.length);
            short version = buffer.getShort();
            if (version != FORMAT_VERSION) {
                return "format version " + version + ", expected " + FORMAT_VERSION;
            }
            int dim = buffer.getInt();
            byte[] id = new byte[buffer.getShort()];
            buffer.get(id);
            String otherId = new String(id, StandardCharsets.UTF_8);
            if (!otherId.equals(modelId)) {
                return "written for model " + otherId + ", not " + modelId;
            }
            if (dim != dimension) {
                return "vectors of dimension " + dim + ", expected " + dimension;
            }
            return "header checksum mismatch";
        } catch (RuntimeException e) {
            return "truncated or unreadable header";
        }
    }

    private byte[] header() {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + Short.BYTES + Integer.BYTES + Short.BYTES + id.length
                + Integer.BYTES).order(ByteOrder.BIG_ENDIAN);
        buffer.put(MAGIC).putShort(FORMAT_VERSION).putInt(dimension).putShort((short) id.length).put(id);
        buffer.putInt(crc(buffer.array(), 0, buffer.position()));
        return buffer.array();
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        long at = 0;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                break; // shrunk while reading (another process rebuilding it): parse what we have
            }
            at += read;
        }
        return buffer.hasRemaining() ? Arrays.copyOf(buffer.array(), buffer.position()) : buffer.array();
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private void warn(String message) {
        warnings.add(message);
        LOG.warning(message);
    }

    /** The SHA-256 of a text's UTF-8 bytes, as four longs (a cheap hash-map key). */
    record Key(long a, long b, long c, long d) {
        static Key of(String text) {
            byte[] digest = sha256().digest(text.getBytes(StandardCharsets.UTF_8));
            return read(ByteBuffer.wrap(digest), 0);
        }

        static Key read(ByteBuffer buffer, int offset) {
            return new Key(buffer.getLong(offset), buffer.getLong(offset + 8), buffer.getLong(offset + 16),
                    buffer.getLong(offset + 24));
        }

        void write(ByteBuffer buffer) {
            buffer.putLong(a).putLong(b).putLong(c).putLong(d);
        }

        private static MessageDigest sha256() {
            return OnnxEncoder.ModelFiles.sha256();
        }
    }
}
