package io.transferlab.launcher.render;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A download's progress bar: redrawn in place on a terminal, one line per quarter otherwise (logs and pipes).
 */
public final class DownloadProgress {

    private static final int WIDTH = 30;
    private static final double MIB = 1024.0 * 1024.0;

    private final PrintStream out;
    private final boolean redraw;
    private String file;
    private int lastStep = -1;

    public DownloadProgress(PrintStream out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    /** {@code bytes} of the file {@code name} (expected {@code size} bytes, 0 if unknown) have arrived. */
    public void update(String name, long bytes, long size) {
        if (!name.equals(file)) {
            file = name;
            lastStep = -1;
        }
        long total = Math.max(size, bytes);
        double fraction = total == 0 ? 1.0 : (double) bytes / total;
        int step = redraw ? (int) (fraction * 200) : (int) (fraction * 4);
        if (step == lastStep) {
            return;
        }
        lastStep = step;
        String line = line(name, bytes, total);
        if (redraw) {
            out.print("\r" + line);
            if (bytes >= total) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** {@code name [#######.......] 12.3/25.2 MiB  49%}. */
    static String line(String name, long bytes, long total) {
        double fraction = total == 0 ? 1.0 : Math.min(1.0, (double) bytes / total);
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format(
                Locale.ROOT,
                "transferlab: downloading %s [%s%s] %.1f/%.1f MiB %3d%%",
                name,
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                bytes / MIB,
                total / MIB,
                Math.round(fraction * 100));
    }
}
