package io.transferlab.analytics.report;

import io.transferlab.contracts.model.FilterBank;
import io.transferlab.contracts.model.Half;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * First-layer filters of the base networks as an image grid, one panel per half, like the paper's
 * "Gabor filters and colour blobs" figure. Every filter is normalised to its own range; three or more
 * channels are drawn as RGB (the first three), fewer as grey (their mean).
 */
public final class FilterGrid {
    static final int GAP = 2;
    static final int MARGIN = 10;
    static final int LABEL_HEIGHT = 24;
    static final int TARGET_CELL = 40;
    /** Room for the panel's label even when the filters are few and small. */
    static final int MIN_PANEL_WIDTH = 170;

    private FilterGrid() {}

    /** Integer magnification that makes one filter about {@link #TARGET_CELL} pixels wide. */
    public static int scale(FilterBank bank) {
        return Math.max(2, TARGET_CELL / Math.max(bank.height(), bank.width()));
    }

    public static int columns(FilterBank bank) {
        return (int) Math.ceil(Math.sqrt(bank.count()));
    }

    public static int rows(FilterBank bank) {
        return (bank.count() + columns(bank) - 1) / columns(bank);
    }

    public static int panelWidth(FilterBank bank) {
        return columns(bank) * (bank.width() * scale(bank) + GAP) - GAP;
    }

    public static int panelHeight(FilterBank bank) {
        return rows(bank) * (bank.height() * scale(bank) + GAP) - GAP;
    }

    /** Width of the whole image: panels side by side, with margins. */
    public static int width(List<FilterBank> banks) {
        int width = MARGIN;
        for (FilterBank bank : banks) {
            width += Math.max(panelWidth(bank), MIN_PANEL_WIDTH) + MARGIN;
        }
        return width;
    }

    public static int height(List<FilterBank> banks) {
        return LABEL_HEIGHT
                + banks.stream().mapToInt(FilterGrid::panelHeight).max().orElse(0)
                + MARGIN;
    }

    public static BufferedImage render(Map<Half, FilterBank> banks) {
        List<Half> halves = banks.keySet().stream().sorted().toList();
        List<FilterBank> ordered = halves.stream().map(banks::get).toList();
        BufferedImage image = new BufferedImage(width(ordered), height(ordered), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            int x = MARGIN;
            for (int i = 0; i < ordered.size(); i++) {
                FilterBank bank = ordered.get(i);
                g.setColor(Color.DARK_GRAY);
                g.drawString(
                        "base" + halves.get(i) + ": " + bank.count() + " x " + bank.channels() + "x" + bank.height()
                                + "x" + bank.width(),
                        x,
                        LABEL_HEIGHT - 8);
                drawPanel(image, bank, x, LABEL_HEIGHT);
                x += Math.max(panelWidth(bank), MIN_PANEL_WIDTH) + MARGIN;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawPanel(BufferedImage image, FilterBank bank, int left, int top) {
        int scale = scale(bank);
        int columns = columns(bank);
        int perFilter = bank.channels() * bank.height() * bank.width();
        int plane = bank.height() * bank.width();
        List<Double> values = bank.values();
        for (int f = 0; f < bank.count(); f++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < perFilter; i++) {
                double v = values.get(f * perFilter + i);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double range = max - min;
            int cellX = left + (f % columns) * (bank.width() * scale + GAP);
            int cellY = top + (f / columns) * (bank.height() * scale + GAP);
            for (int y = 0; y < bank.height(); y++) {
                for (int x = 0; x < bank.width(); x++) {
                    int base = f * perFilter + y * bank.width() + x;
                    int rgb;
                    if (bank.channels() >= 3) {
                        rgb = (level(values.get(base), min, range) << 16)
                                | (level(values.get(base + plane), min, range) << 8)
                                | level(values.get(base + 2 * plane), min, range);
                    } else {
                        double sum = 0;
                        for (int c = 0; c < bank.channels(); c++) {
                            sum += values.get(base + c * plane);
                        }
                        int grey = level(sum / bank.channels(), min, range);
                        rgb = (grey << 16) | (grey << 8) | grey;
                    }
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            image.setRGB(cellX + x * scale + dx, cellY + y * scale + dy, rgb);
                        }
                    }
                }
            }
        }
    }

    private static int level(double value, double min, double range) {
        if (!(range > 0)) {
            return 128;
        }
        return (int) Math.round(255.0 * Math.max(0.0, Math.min(1.0, (value - min) / range)));
    }
}
