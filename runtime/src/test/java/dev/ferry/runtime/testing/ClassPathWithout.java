package dev.ferry.runtime.testing;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * A class loader of the test class path without some libraries, on the platform class loader: what
 * an application that leaves out an optional dependency of Ferry's runs with.
 */
public final class ClassPathWithout {

    private ClassPathWithout() {
    }

    /**
     * @param fragments parts of the file names of the jars to leave out, e.g. {@code HikariCP}
     * @return the class loader; close it after use
     * @throws IllegalStateException if a fragment matches no class path entry
     */
    public static URLClassLoader loader(String... fragments) {
        List<URL> urls = new ArrayList<>();
        int[] matched = new int[fragments.length];
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            boolean leave = false;
            for (int i = 0; i < fragments.length; i++) {
                if (new File(entry).getName().contains(fragments[i])) {
                    matched[i]++;
                    leave = true;
                }
            }
            if (!leave) {
                try {
                    urls.add(new File(entry).toURI().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(entry, e);
                }
            }
        }
        for (int i = 0; i < fragments.length; i++) {
            if (matched[i] == 0) {
                throw new IllegalStateException("No class path entry matches " + fragments[i] + ": "
                        + System.getProperty("java.class.path"));
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
