package dev.ferry.sample.it.matrix;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The TCP ports a Payara Server domain listens on: Payara's defaults (4848, 8080, …), or those of
 * {@code asadmin create-domain --portbase n} (admin n+48, HTTP n+80, …), so that a test's domain can stay clear of
 * another server on the same machine.
 *
 * @param portBase the port base given to {@code create-domain}, or 0 for Payara's default ports
 */
public record PayaraPorts(int portBase) {

    /** Payara's default ports: admin 4848, HTTP 8080, HTTPS 8181, IIOP 3700, JMX 8686, JMS 7676. */
    public static final PayaraPorts DEFAULTS = new PayaraPorts(0);

    /**
     * @param portBase 0 for Payara's defaults, or a base from 1024 to 65000
     * @throws IllegalArgumentException if the base leaves the port range
     */
    public PayaraPorts {
        if (portBase != 0 && (portBase < 1024 || portBase > 65000)) {
            throw new IllegalArgumentException("A Payara port base must be 0 (the defaults) or between 1024 and 65000,"
                    + " was " + portBase);
        }
    }

    /**
     * @param portBase the base, as {@code create-domain --portbase} takes it
     * @return the ports of a domain created with that base
     */
    public static PayaraPorts base(int portBase) {
        if (portBase == 0) {
            throw new IllegalArgumentException("A Payara port base of 0 means the default ports: use DEFAULTS");
        }
        return new PayaraPorts(portBase);
    }

    /** @return the administration port (asadmin's {@code --port}) */
    public int admin() {
        return port(4848, 48);
    }

    /** @return the HTTP listener's port */
    public int http() {
        return port(8080, 80);
    }

    /** @return whether these are Payara's default ports */
    public boolean isDefault() {
        return portBase == 0;
    }

    /**
     * @return each port the started domain needs for itself, by what it is for, in a stable order (the Hazelcast
     *     ports, n+49 and n+59, are left out: Payara takes the next free one when they are in use)
     */
    public Map<String, Integer> listening() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("admin", admin());
        ports.put("HTTP", http());
        ports.put("HTTPS", port(8181, 81));
        ports.put("IIOP", port(3700, 37));
        ports.put("JMX", port(8686, 86));
        ports.put("JMS (OpenMQ)", port(7676, 76));
        return ports;
    }

    /** @return for directory names: "default" or "portbase-n" */
    String label() {
        return isDefault() ? "default" : "portbase-" + portBase;
    }

    private int port(int defaultPort, int offset) {
        return isDefault() ? defaultPort : portBase + offset;
    }

    @Override
    public String toString() {
        return (isDefault() ? "Payara's default ports " : "port base " + portBase + ": ") + listening();
    }
}
