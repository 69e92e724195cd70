package dev.ferry.runtime.wake;

/** Wake-ups where the database has none: the other JVMs poll. */
final class NoWakeUps implements CrossNodeWakeUps {

    static final NoWakeUps INSTANCE = new NoWakeUps();

    private NoWakeUps() {
    }

    @Override
    public void announce() {
    }

    @Override
    public void listen(Runnable wake) {
    }

    @Override
    public void stopListening() {
    }

    @Override
    public void close() {
    }
}
