/**
 * Reading datasets: {@link dev.augury.io.DatasetReader} streams files and directories into
 * {@link dev.augury.io.Record}s.
 *
 * <p>Three small steps per file: a {@link dev.augury.io.RowSource} turns the container (JSON Lines, a JSON
 * document, CSV/TSV) into parsed rows one at a time; {@link dev.augury.io.Layouts} picks the layout (chat,
 * ShareGPT, Alpaca, prompt/response pair, prompt-only) from the first row that shows one, or the forced format;
 * {@link dev.augury.io.FileRows} maps each row with that {@link dev.augury.io.Layout}, numbers the records and
 * counts malformed rows.
 */
package dev.augury.io;
