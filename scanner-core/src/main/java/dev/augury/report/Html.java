package dev.augury.report;

import java.util.regex.Pattern;

/**
 * A minimal HTML/SVG builder whose only way to add text or attribute values escapes them: tag and attribute
 * names must be code constants (checked), and the one raw method takes the page's constant style sheet. This
 * is what makes injection from a dataset impossible rather than merely unlikely.
 */
final class Html {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9:-]*");
    private final StringBuilder out = new StringBuilder(64 * 1024);

    Html open(String tag, String... attributes) {
        startTag(tag, attributes);
        out.append('>');
        return this;
    }

    Html close(String tag) {
        out.append("</").append(name(tag)).append('>');
        return this;
    }

    /** An element with only text content. */
    Html element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** An HTML void element ({@code <meta>}) or an empty SVG element ({@code <circle/>}). */
    Html empty(String tag, boolean svg, String... attributes) {
        startTag(tag, attributes);
        out.append(svg ? "/>" : ">");
        return this;
    }

    Html text(String text) {
        out.append(escape(text));
        return this;
    }

    Html newline() {
        out.append('\n');
        return this;
    }

    /** Another builder's output, already escaped by it (an SVG drawn apart, so a failed drawing leaves no trace). */
    Html append(Html other) {
        out.append(other.out);
        return this;
    }

    /** Only for constants written in this code base (the doctype, the style sheet). */
    Html trusted(String constant) {
        out.append(constant);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void startTag(String tag, String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        out.append('<').append(name(tag));
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(name(attributes[i])).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
    }

    private static String name(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a tag or attribute name: " + name);
        }
        return name;
    }

    /** Escapes the five HTML-significant characters and drops control characters no page should hold. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        sb.append(c);
                    } else if (c == '\r') {
                        sb.append('\n');
                    } else {
                        sb.append('\uFFFD');
                    }
                }
            }
        }
        return sb.toString();
    }
}
