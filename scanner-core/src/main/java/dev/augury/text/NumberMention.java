package dev.augury.text;

/**
 * A number in a text.
 *
 * @param text   as written ("1,024", "ninety", "00471902")
 * @param digits the digit string for numerals (leading zeros kept, separators dropped), null for words
 * @param value  the numeric value when it is known
 */
public record NumberMention(String text, String digits, Double value) {
}
