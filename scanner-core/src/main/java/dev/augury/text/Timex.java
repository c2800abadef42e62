package dev.augury.text;

/**
 * A temporal expression normalized by SUTime.
 *
 * @param text     the words as written ("the 1990s", "July 4, 1776", "2027-07-08")
 * @param type     DATE, TIME, DURATION or SET
 * @param value    the TIMEX3 value ("199X", "1776-07-04", "2027-07-08"); null when SUTime gives none
 * @param fromYear first year the expression covers, or null when it names no year
 * @param toYear   last year the expression covers, or null
 */
public record Timex(String text, String type, String value, Integer fromYear, Integer toYear) {
}
