package dev.ferry.saga.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md compiles as written, against this module's test class
 * path, which holds every Ferry module and the clients README's examples use (Kafka, RabbitMQ,
 * Artemis, Jakarta EE). A failure names the README line and the compiler's message.
 *
 * <p>A block is one of:
 * <ul>
 *   <li>a whole compilation unit: it starts with its {@code package} declaration (comments before
 *       it are allowed) and is compiled as it is, together with the other whole blocks, so one
 *       block may use a class another one declares;</li>
 *   <li>a fragment, marked by an HTML comment starting {@code <!-- fragment} on the line before the
 *       block (GitHub shows nothing of it): its leading {@code import} lines are kept, and the
 *       statements after them are compiled as the body of a method that may throw any exception.
 *       A fragment declares every variable it uses.</li>
 * </ul>
 * A block marked {@code <!-- source: path -->} quotes that file of the repository whole, and must
 * equal it. Lines of Java in README are at most 120 characters.
 */
class ReadmeExamplesTest {

    private static final int MAX_LINE = 120;
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;");
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "^(public\\s+)?(?:(?:final|abstract|sealed|non-sealed)\\s+)*(?:class|interface|record|enum|@interface)"
                    + "\\s+(\\w+)");

    /** A line of generated source and the README line it came from. */
    private record Line(String text, int readmeLine) {
    }

    /** One {@code ```java} block: its lines, the line of README before it, where it starts. */
    private record Block(List<String> lines, String marker, int firstLine) {
        boolean isFragment() {
            return marker.startsWith("<!-- fragment");
        }

        String source() {
            Matcher m = Pattern.compile("^<!-- source: (\\S+) -->$").matcher(marker);
            return m.matches() ? m.group(1) : null;
        }
    }

    /** A compilation unit made from a block, with the README line of each of its lines. */
    private static final class Unit extends SimpleJavaFileObject {
        final List<Line> lines;

        Unit(String path, List<Line> lines) {
            super(URI.create("string:///" + path), Kind.SOURCE);
            this.lines = lines;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            StringBuilder s = new StringBuilder();
            for (Line l : lines) {
                s.append(l.text()).append('\n');
            }
            return s;
        }

        int readmeLine(long line) {
            return line >= 1 && line <= lines.size() ? lines.get((int) line - 1).readmeLine() : -1;
        }
    }

    @Test
    void everyJavaBlockCompilesAsWritten() throws IOException {
        Path root = repositoryRoot();
        List<String> readme = Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8);
        List<Block> blocks = javaBlocks(readme);
        assertTrue(blocks.size() >= 10, "README's java blocks were found: " + blocks.size());

        List<String> problems = new ArrayList<>();
        List<Unit> units = new ArrayList<>();
        for (Block b : blocks) {
            for (int i = 0; i < b.lines().size(); i++) {
                if (b.lines().get(i).length() > MAX_LINE) {
                    problems.add("README.md:" + (b.firstLine() + i) + ": longer than " + MAX_LINE + " characters");
                }
            }
            String source = b.source();
            if (source != null) {
                String file = Files.readString(root.resolve(source), StandardCharsets.UTF_8).stripTrailing();
                if (!file.equals(String.join("\n", b.lines()).stripTrailing())) {
                    problems.add("README.md:" + b.firstLine() + ": the block quotes " + source
                            + " (<!-- source: -->) but differs from it; copy the file into README again");
                }
            }
            Unit unit = b.isFragment() ? fragment(b) : whole(b);
            if (unit == null) {
                problems.add("README.md:" + b.firstLine() + ": a java block must start with its package declaration"
                        + " (a whole compilation unit) or follow a line <!-- fragment --> (statements, see "
                        + ReadmeExamplesTest.class.getSimpleName() + ")");
            } else {
                units.add(unit);
            }
        }
        problems.addAll(compile(units));
        if (!problems.isEmpty()) {
            fail("README's java blocks:\n" + String.join("\n", problems));
        }
    }

    @Test
    void aBlockThatDoesNotCompileIsReportedAtItsReadmeLine() {
        List<String> readme = List.of("text", "<!-- fragment -->", "```java", "import java.util.List;", "",
                "List<String> names = List.of(\"a\");", "int n = names.size() + undefined;", "```");
        List<Block> blocks = javaBlocks(readme);
        assertEquals(1, blocks.size());
        List<String> problems = compile(List.of(fragment(blocks.get(0))));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("README.md:7: ") && problems.get(0).contains("undefined"),
                problems.get(0));
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "README.md not found above " + Path.of("").toAbsolutePath());
        return dir;
    }

    private static List<Block> javaBlocks(List<String> readme) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            if (!readme.get(i).strip().equals("```java")) {
                continue;
            }
            String marker = i > 0 ? readme.get(i - 1).strip() : "";
            int start = i + 1;
            int end = start;
            while (end < readme.size() && !readme.get(end).strip().equals("```")) {
                end++;
            }
            blocks.add(new Block(List.copyOf(readme.subList(start, end)), marker, start + 1));
            i = end;
        }
        return blocks;
    }

    /** @return the block as it is, named for its package and public type; null without a package */
    private static Unit whole(Block b) {
        String pkg = null;
        String type = null;
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < b.lines().size(); i++) {
            String text = b.lines().get(i);
            lines.add(new Line(text, b.firstLine() + i));
            Matcher p = PACKAGE.matcher(text);
            if (pkg == null && p.find()) {
                pkg = p.group(1);
            }
            Matcher t = TOP_LEVEL_TYPE.matcher(text);
            if (t.find() && (type == null || t.group(1) != null)) {
                type = t.group(2);
            }
        }
        if (pkg == null || type == null || !startsWithPackage(b.lines())) {
            return null;
        }
        return new Unit(pkg.replace('.', '/') + "/" + type + ".java", lines);
    }

    private static boolean startsWithPackage(List<String> lines) {
        for (String l : lines) {
            String s = l.strip();
            if (s.isEmpty() || s.startsWith("//") || s.startsWith("/*") || s.startsWith("*")) {
                continue;
            }
            return s.startsWith("package ");
        }
        return false;
    }

    /** @return the fragment's imports, then its statements as the body of a method */
    private static Unit fragment(Block b) {
        String name = "Fragment" + b.firstLine();
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("package readme.fragments;", b.firstLine()));
        int i = 0;
        for (; i < b.lines().size(); i++) {
            String s = b.lines().get(i).strip();
            if (!(s.isEmpty() || s.startsWith("import ") || s.startsWith("//"))) {
                break;
            }
            lines.add(new Line(b.lines().get(i), b.firstLine() + i));
        }
        lines.add(new Line("final class " + name + " { static void example() throws Exception {", b.firstLine() + i));
        for (; i < b.lines().size(); i++) {
            lines.add(new Line(b.lines().get(i), b.firstLine() + i));
        }
        lines.add(new Line("} }", b.firstLine() + b.lines().size() - 1));
        return new Unit("readme/fragments/" + name + ".java", lines);
    }

    /** @return the compiler's errors, each as "README.md:line: message" */
    private static List<String> compile(List<Unit> units) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertTrue(compiler != null, "no Java compiler: run the tests on a JDK");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> problems = new ArrayList<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            Path out = Files.createDirectories(Path.of("target", "readme-examples"));
            List<String> options = List.of("-classpath", testClassPath(), "-d", out.toString(), "-proc:none",
                    "-encoding", "UTF-8", "--release", "17");
            compiler.getTask(null, files, diagnostics, options, null, units).call();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String where = d.getSource() instanceof Unit u ? "README.md:" + u.readmeLine(d.getLineNumber()) : "javac";
            problems.add(where + ": " + d.getMessage(Locale.ROOT));
        }
        return problems;
    }

    /** @return the test class path: surefire's, or the JVM's when run otherwise */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
