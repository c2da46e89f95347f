package io.transferlab.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Bounds on text that comes from outside and goes back out in an answer (a rejection, a dead letter):
 * whatever the input, the answer stays small. A value over its bound keeps its start and says what was
 * cut: {@code <start>…[<n> chars, sha256 <hex>]}, so the original can still be recognised.
 */
public final class Bounded {
    /** Ids (event ids, experiment ids, keys): the contracts' 200-character limit. */
    public static final int ID = 200;
    /** Header values and problem descriptions. */
    public static final int TEXT = 1_000;
    /** The smallest bound that still fits the marker. */
    private static final int MIN = 100;

    private Bounded() {}

    /** {@code value} if it has at most {@code max} characters, else its start and a marker; never longer than max. */
    public static String text(String value, int max) {
        if (max < MIN) {
            throw new IllegalArgumentException("bound " + max + " is below " + MIN);
        }
        if (value == null || value.length() <= max) {
            return value;
        }
        String marker =
                "…[" + value.length() + " chars, sha256 " + sha256Hex(value.getBytes(StandardCharsets.UTF_8)) + "]";
        int keep = max - marker.length();
        if (keep > 0 && Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--;
        }
        return value.substring(0, Math.max(0, keep)) + marker;
    }

    public static String id(String value) {
        return text(value, ID);
    }

    /** Lower-case hex SHA-256 of the bytes. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
