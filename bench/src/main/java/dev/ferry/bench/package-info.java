/**
 * The benchmarks: each figure a ratio against a reference or a peer measured in the same run ({@link
 * dev.ferry.bench.Bench} runs them; {@code bench.only} picks scenarios).
 */
package dev.ferry.bench;
