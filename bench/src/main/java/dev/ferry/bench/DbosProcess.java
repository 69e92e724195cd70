package dev.ferry.bench;

/** The interface DBOS proxies for figure 4's peer workflow ({@link DbosThreeSteps}). */
public interface DbosProcess {

    /**
     * Runs the three steps.
     *
     * @param n the workflow's number
     */
    void run(int n);
}
