package dev.ferry.sample.it.probe;

/** A payload JSON-B cannot serialize: its only property fails when read. */
public class UnserializablePayload {

    /**
     * @return never
     * @throws IllegalStateException always
     */
    public String getValue() {
        throw new IllegalStateException("this payload refuses to be read");
    }
}
