package dev.augury.text;

/** A named entity mention: its words and its CoreNLP type (PERSON, LOCATION, ORGANIZATION, ...). */
public record Entity(String text, String type) {
}
