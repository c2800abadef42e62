package dev.augury.io;

/** Receives what a reader finds, in file order. Readers never hold a whole file in memory. */
public interface RecordSink {
    void record(Record record);

    void malformed(Malformed malformed);
}
