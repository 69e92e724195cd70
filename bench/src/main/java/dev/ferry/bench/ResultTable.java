package dev.ferry.bench;

import java.util.ArrayList;
import java.util.List;

/** The figures of a run, printed as an aligned text table and as markdown. */
final class ResultTable {

    private static final String[] HEADER = {"figure", "value", "ratio", "target", "met?"};

    private final List<Figure> rows = new ArrayList<>();

    synchronized void add(Figure f) {
        rows.add(f);
        System.out.println("  " + f.name() + ": " + f.value()
                + (f.ratio() == null ? "" : " (ratio " + f.ratioText() + ")")
                + (f.met() == null ? "" : f.met() ? " target met" : " TARGET MISSED"));
    }

    synchronized List<Figure> rows() {
        return List.copyOf(rows);
    }

    /** @return the table as GitHub markdown */
    synchronized String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        sb.append("|---|---:|---:|---|---|\n");
        for (Figure f : rows) {
            sb.append("| ").append(escape(f.name())).append(" | ").append(escape(f.value())).append(" | ")
                    .append(f.ratioText()).append(" | ").append(escape(f.target())).append(" | ")
                    .append(f.metText()).append(" |\n");
        }
        return sb.toString();
    }

    /** @return the table with aligned columns, for a terminal */
    synchronized String text() {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (Figure f : rows) {
            cells.add(new String[] {f.name(), f.value(), f.ratioText(), f.target(),
                    f.met() == null ? "" : f.met() ? "yes" : "NO"});
        }
        int[] width = new int[HEADER.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            String[] row = cells.get(r);
            for (int i = 0; i < row.length; i++) {
                boolean right = i == 1 || i == 2;
                String pad = " ".repeat(width[i] - row[i].length());
                sb.append(right ? pad + row[i] : row[i] + pad).append(i < row.length - 1 ? "  " : "");
            }
            sb.append('\n');
            if (r == 0) {
                for (int i = 0; i < width.length; i++) {
                    sb.append("-".repeat(width[i])).append(i < width.length - 1 ? "  " : "");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
