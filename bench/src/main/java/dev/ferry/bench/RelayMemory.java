package dev.ferry.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Figure 6: the relay in a child JVM with a small heap ({@code bench.memoryHeap}, 256m) drains the
 * whole backlog; its heap after a full GC is sampled at every 5 % of the drain, and its peak RSS is
 * read from /proc. "Flat" means: the heap after GC in the second half of the drain stays within
 * 10 % (or 2 MiB) of the largest value in the first half.
 */
final class RelayMemory {

    static final String SCHEMA = "bench_memory";

    private final Db db;

    RelayMemory(Db db) {
        this.db = db;
    }

    void run(ResultTable table) throws Exception {
        BenchOptions o = db.options();
        int n = o.messages();
        db.freshSchema(SCHEMA);
        // The child creates nothing: the parent makes and loads the table like figure 1's.
        db.createFerryOutbox(SCHEMA, Drains.TABLE);
        double load = db.loadFerryOutbox(SCHEMA, Drains.TABLE, n, o.keys());
        System.out.printf(Locale.ROOT, "  loaded %,d messages in %.1f s%n", n, load);

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!o.memoryHeap().matches("[0-9]+[kKmMgG]?")) {
            throw new IllegalArgumentException("bench.memoryHeap must look like 256m, was " + o.memoryHeap());
        }
        cmd.add("-Xmx" + o.memoryHeap());
        cmd.add("-XX:+UseG1GC");
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(RelayMemoryChild.class.getName());
        cmd.addAll(List.of(o.jdbcUrl(), o.user(), o.password() == null ? "-" : o.password(), SCHEMA, Drains.TABLE,
                Integer.toString(n), Integer.toString(o.relayBatch())));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<long[]> heap = new ArrayList<>();
        long hwmKb = -1;
        double seconds = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split(" ");
                if (f[0].equals("HEAP") && f.length == 3) {
                    heap.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                } else if (f[0].equals("VMHWM")) {
                    hwmKb = Long.parseLong(f[1]);
                } else if (f[0].equals("DONE")) {
                    seconds = Double.parseDouble(f[1]);
                } else {
                    System.out.println("  [relay JVM] " + line);
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || heap.size() < 4 || seconds < 0) {
            throw new IllegalStateException("the relay JVM failed (exit " + exit + ", " + heap.size() + " samples)");
        }
        db.dropSchema(SCHEMA);
        long firstHalfMax = 0;
        long secondHalfMax = 0;
        StringBuilder samples = new StringBuilder();
        for (long[] s : heap) {
            if (s[0] <= n / 2) {
                firstHalfMax = Math.max(firstHalfMax, s[1]);
            } else {
                secondHalfMax = Math.max(secondHalfMax, s[1]);
            }
            samples.append(String.format(Locale.ROOT, " %d%%:%.1f", Math.round(100.0 * s[0] / n), s[1] / 1048576.0));
        }
        System.out.println("  heap after GC (MiB) at progress:" + samples);
        System.out.printf(Locale.ROOT, "  drained %,d in %.1f s (%,.0f msg/s); peak RSS %,d kB%n", n, seconds,
                n / seconds, hwmKb);
        long allowed = Math.max(2L << 20, firstHalfMax / 10);
        boolean flat = secondHalfMax <= firstHalfMax + allowed;
        long start = heap.get(0)[1];
        long end = heap.get(heap.size() - 1)[1];
        table.add(new Figure(String.format(Locale.ROOT, "6. relay heap after GC, start → end of %,d msgs (-Xmx%s)", n,
                o.memoryHeap()), Figure.mib(start) + " → " + Figure.mib(end), null,
                "flat (2nd half max ≤ 1st half max + 10 %)", flat));
        table.add(Figure.info("6. relay heap after GC, max 1st half / 2nd half",
                Figure.mib(firstHalfMax) + " / " + Figure.mib(secondHalfMax), (double) secondHalfMax / firstHalfMax));
        table.add(Figure.info("6. relay JVM peak RSS (VmHWM)", Figure.mib(hwmKb * 1024.0), null));
    }

    /** The class path of this JVM's application class loader chain (exec:java runs us in a URLClassLoader). */
    static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader cl = RelayMemory.class.getClassLoader(); cl != null; cl = cl.getParent()) {
            if (cl instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (Exception e) {
                        entries.add(url.getPath());
                    }
                }
            }
        }
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank() && !e.contains("plexus-classworlds")) {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
