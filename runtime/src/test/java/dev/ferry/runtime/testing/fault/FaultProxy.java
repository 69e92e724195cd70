package dev.ferry.runtime.testing.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy between Ferry and a database that injects network faults: latency on every chunk in
 * both directions, a stall of all traffic (bytes are held, connections stay open, new ones wait),
 * and resets of every connection (RST, as a broken network or a restarted firewall gives). Blocking
 * sockets, two threads per connection.
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private final AtomicLong accepted = new AtomicLong();
    private volatile long latencyNanos;
    private volatile long stalledUntilNanos;
    private volatile boolean stalled;
    private volatile boolean closed;

    private FaultProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 100, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param targetHost the database's host
     * @param targetPort the database's port
     * @return a running proxy on a free port of 127.0.0.1
     */
    public static FaultProxy start(String targetHost, int targetPort) {
        try {
            return new FaultProxy(targetHost, targetPort);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the proxy: " + e, e);
        }
    }

    /** @return the port to connect to instead of the database's */
    public int port() {
        return listener.getLocalPort();
    }

    /** @param latency delay added to every chunk in each direction (zero for none) */
    public void latency(Duration latency) {
        latencyNanos = latency.toNanos();
    }

    /** Holds all traffic, and new connections, until {@link #resume()}. */
    public void stall() {
        synchronized (gate) {
            stalledUntilNanos = Long.MAX_VALUE;
            stalled = true;
        }
    }

    /** Holds all traffic, and new connections, for {@code duration}, or until {@link #resume()}. */
    public void stall(Duration duration) {
        synchronized (gate) {
            stalledUntilNanos = System.nanoTime() + duration.toNanos();
            stalled = true;
        }
    }

    /** Lets held traffic go on. */
    public void resume() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    /** Resets every open connection (RST to both sides). New connections are accepted as before. */
    public void resetAll() {
        for (Link l : links) {
            l.reset();
        }
    }

    /** @return connections open now */
    public int openConnections() {
        return links.size();
    }

    /** @return connections accepted since the start */
    public long acceptedConnections() {
        return accepted.get();
    }

    @Override
    public void close() {
        closed = true;
        resume();
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        resetAll();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            Thread opener = new Thread(() -> open(client), "fault-proxy-open");
            opener.setDaemon(true);
            opener.start();
        }
    }

    private void open(Socket client) {
        try {
            awaitGate();
            Socket server = new Socket();
            server.connect(new InetSocketAddress(targetHost, targetPort), 10_000);
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            Link link = new Link(client, server);
            links.add(link);
            link.start();
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** Waits while the proxy is stalled. */
    private void awaitGate() {
        synchronized (gate) {
            while (stalled && !closed) {
                long left = stalledUntilNanos - System.nanoTime();
                if (left <= 0) {
                    stalled = false;
                    gate.notifyAll();
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(gate, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** One proxied connection: a pump each way. */
    private final class Link {
        private final Socket client;
        private final Socket server;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            for (Socket[] dir : new Socket[][] {{client, server}, {server, client}}) {
                Thread t = new Thread(() -> pump(dir[0], dir[1]), "fault-proxy-pump");
                t.setDaemon(true);
                t.start();
            }
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitGate();
                    long latency = latencyNanos;
                    if (latency > 0) {
                        TimeUnit.NANOSECONDS.sleep(latency);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                reset(); // one side closed: close both
            } catch (IOException | InterruptedException e) {
                reset();
            }
        }

        void reset() {
            if (!links.remove(this)) {
                return;
            }
            for (Socket s : List.of(client, server)) {
                try {
                    s.setSoLinger(true, 0); // close() then sends RST
                } catch (IOException e) {
                    // closing anyway
                }
                closeQuietly(s);
            }
        }
    }
}
