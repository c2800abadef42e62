package dev.augury.cache;

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
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * An append-only file of byte payloads keyed by the SHA-256 of a text, loaded whole into memory when opened. The
 * embedding cache (vectors) and the annotation cache (language features) are both one of these.
 *
 * <p>File format (big-endian): header = magic "AUGKV1", format version (short), identity length (short) and UTF-8
 * bytes, CRC-32 of all header bytes before it (int); then entries = SHA-256 of the text (32 bytes), payload length
 * (int), payload, CRC-32 of key, length and payload (int). The identity says what the payloads are valid for (a
 * model and dimension, an annotator build); a file of another identity is not used.
 *
 * <p>Nothing read from disk is trusted: a file with a bad header, another identity, or any entry whose checksum
 * fails is discarded and rebuilt, with a warning. A partial last entry (a run that died while appending) is cut off
 * and the complete entries before it are kept. The first process to open the file holds an exclusive lock until it
 * closes; a second one reads what is there and works without writing.
 */
public final class KeyedStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KeyedStore.class.getName());
    private static final byte[] MAGIC = "AUGKV1".getBytes(StandardCharsets.US_ASCII);
    /** Bump when the layout changes; older files are then rebuilt. */
    static final short FORMAT_VERSION = 1;
    static final int KEY_BYTES = 32;
    /** The whole file is read into one byte[]; beyond that start afresh. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

    private final Path file;
    private final String what;
    private final String identity;
    private final Map<Key, byte[]> entries = new HashMap<>();
    private final Map<Key, byte[]> pending = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    /** Null when this store does not write (another process holds the file, or it cannot be written). */
    private FileChannel channel;
    private FileLock lock;
    private boolean closed;

    /**
     * Opens (or creates) {@code file}. Never fails on a bad, locked or unwritable file: it warns and works with what
     * it can trust (possibly nothing, in memory only).
     *
     * @param what     what the store holds, for messages ("embedding cache")
     * @param identity what its payloads are valid for; a file written for another identity is rebuilt
     */
    public static KeyedStore open(Path file, String what, String identity) {
        return new KeyedStore(file, what, identity);
    }

    /**
     * A store read from bytes (a resource shipped on the classpath): never written. Bytes that do not parse, or
     * were written for another identity, give an empty store and a warning.
     *
     * @param source where the bytes come from, for messages
     */
    public static KeyedStore readOnly(byte[] content, String source, String what, String identity) {
        return new KeyedStore(content, source, what, identity);
    }

    private KeyedStore(byte[] content, String source, String what, String identity) {
        this.file = null;
        this.what = what;
        this.identity = identity;
        Parsed parsed = parse(content);
        if (parsed.problem != null) {
            entries.clear();
            warn("Not using the " + what + " " + source + " (" + parsed.problem + ").");
        }
    }

    private KeyedStore(Path file, String what, String identity) {
        this.file = file;
        this.what = what;
        this.identity = identity;
        String whyNotWritable = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
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
            warn("The " + what + " " + file + " is read but not written, because " + whyNotWritable + ".");
            entries.clear();
            readOnly();
        }
    }

    /** The payload stored for this key, or null. */
    public synchronized byte[] get(Key key) {
        return entries.get(key);
    }

    /** Adds a payload (written at the next {@link #flush()}); a key already stored is left alone. */
    public synchronized void put(Key key, byte[] payload) {
        if (entries.putIfAbsent(key, payload) == null && channel != null && !closed) {
            pending.put(key, payload);
        }
    }

    /** Appends what was added since the last flush (nothing when another process holds the file). */
    public synchronized void flush() {
        if (channel == null || closed || pending.isEmpty()) {
            pending.clear();
            return;
        }
        int bytes = 0;
        for (byte[] payload : pending.values()) {
            bytes += KEY_BYTES + Integer.BYTES + payload.length + Integer.BYTES;
        }
        ByteBuffer buffer = ByteBuffer.allocate(bytes).order(ByteOrder.BIG_ENDIAN);
        for (Map.Entry<Key, byte[]> entry : pending.entrySet()) {
            int start = buffer.position();
            entry.getKey().write(buffer);
            buffer.putInt(entry.getValue().length).put(entry.getValue());
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
            warn("Cannot write the " + what + " " + file + ": " + e.getMessage());
        }
        pending.clear();
    }

    public synchronized int size() {
        return entries.size();
    }

    public Path file() {
        return file;
    }

    public String identity() {
        return identity;
    }

    /** False when another process held the file (this store reads but never writes) or after close. */
    public synchronized boolean writable() {
        return channel != null && !closed;
    }

    /** What was wrong with the file when it was opened or written (also logged), oldest first. */
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
            warn("Cannot close the " + what + " " + file + ": " + e.getMessage());
        }
        lock = null;
        channel = null;
    }

    private void loadForWriting() throws IOException {
        if (channel.size() > MAX_FILE_BYTES) {
            warn("Discarding the " + what + " " + file + " (larger than " + MAX_FILE_BYTES
                    + " bytes); it will be rebuilt.");
            startAfresh();
            return;
        }
        byte[] content = readAll(channel);
        Parsed parsed = parse(content);
        if (parsed.problem != null) {
            if (content.length > 0) {
                warn("Discarding the " + what + " " + file + " (" + parsed.problem + "); it will be rebuilt.");
            }
            entries.clear();
            startAfresh();
        } else if (parsed.validBytes < content.length) {
            warn("The " + what + " " + file + " ends with a partial entry (" + (content.length - parsed.validBytes)
                    + " bytes); cut it off and kept the " + entries.size() + " complete entries.");
            channel.truncate(parsed.validBytes);
        }
    }

    private void startAfresh() throws IOException {
        channel.truncate(0);
        ByteBuffer header = ByteBuffer.wrap(header());
        long at = 0;
        while (header.hasRemaining()) {
            at += channel.write(header, at);
        }
    }

    private void readOnly() {
        byte[] content;
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            if (reader.size() > MAX_FILE_BYTES) {
                warn("Not using the " + what + " " + file + " (larger than " + MAX_FILE_BYTES + " bytes).");
                return;
            }
            content = readAll(reader);
        } catch (IOException e) {
            return; // nothing readable there: start empty
        }
        Parsed parsed = parse(content);
        if (parsed.problem != null && content.length > 0) {
            // The other process may be rebuilding it right now; use nothing from it.
            entries.clear();
            warn("Not using the " + what + " " + file + " (" + parsed.problem + ").");
        }
    }

    private record Parsed(String problem, long validBytes) {
    }

    /** Fills {@link #entries} from the file's bytes, or says why the file cannot be trusted. */
    private Parsed parse(byte[] content) {
        byte[] expected = header();
        if (content.length == 0) {
            return new Parsed("empty", 0);
        }
        if (content.length < MAGIC.length || !Arrays.equals(content, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return new Parsed("not an Augury cache file", 0);
        }
        if (content.length < expected.length
                || !Arrays.equals(content, 0, expected.length, expected, 0, expected.length)) {
            return new Parsed(describeHeaderMismatch(content), 0);
        }
        ByteBuffer buffer = ByteBuffer.wrap(content).order(ByteOrder.BIG_ENDIAN);
        int offset = expected.length;
        while (content.length - offset >= KEY_BYTES + 2 * Integer.BYTES) {
            int length = buffer.getInt(offset + KEY_BYTES);
            long end = (long) offset + KEY_BYTES + Integer.BYTES + length + Integer.BYTES;
            if (length < 0) {
                return new Parsed("negative entry length at byte " + offset, 0);
            }
            if (end > content.length) {
                break; // a partial last entry (or a damaged length, which only costs the entries after it)
            }
            int stored = buffer.getInt((int) end - Integer.BYTES);
            if (stored != crc(content, offset, (int) end - Integer.BYTES - offset)) {
                return new Parsed("checksum mismatch in the entry at byte " + offset, 0);
            }
            Key key = Key.read(buffer, offset);
            int from = offset + KEY_BYTES + Integer.BYTES;
            entries.putIfAbsent(key, Arrays.copyOfRange(content, from, from + length));
            offset = (int) end;
        }
        return new Parsed(null, offset);
    }

    /** Names the mismatch a user would want to know about: another identity, another version or a bad header. */
    private String describeHeaderMismatch(byte[] content) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(content).order(ByteOrder.BIG_ENDIAN);
            buffer.position(MAGIC.length);
            short version = buffer.getShort();
            if (version != FORMAT_VERSION) {
                return "format version " + version + ", expected " + FORMAT_VERSION;
            }
            byte[] id = new byte[buffer.getShort()];
            buffer.get(id);
            String other = new String(id, StandardCharsets.UTF_8);
            if (!other.equals(identity)) {
                return "written for " + other + ", not " + identity;
            }
            return "header checksum mismatch";
        } catch (RuntimeException e) {
            return "truncated or unreadable header";
        }
    }

    private byte[] header() {
        byte[] id = identity.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + Short.BYTES + Short.BYTES + id.length + Integer.BYTES)
                .order(ByteOrder.BIG_ENDIAN);
        buffer.put(MAGIC).putShort(FORMAT_VERSION).putShort((short) id.length).put(id);
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
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private synchronized void warn(String message) {
        warnings.add(message);
        LOG.warning(message);
    }

    /** The SHA-256 of a text's UTF-8 bytes, as four longs (a cheap hash-map key). */
    public record Key(long a, long b, long c, long d) {
        public static Key of(String text) {
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
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every Java platform", e);
            }
        }
    }
}
