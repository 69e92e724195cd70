package dev.ferry.sample.it.matrix.jsonmapper;

/**
 * A message payload and saga data that the application's {@code @FerryJson} mapper writes in snake case.
 *
 * @param trackingCode the parcel's code
 * @param weightGrams its weight
 * @param weighed set by the saga's step
 */
public record Parcel(String trackingCode, int weightGrams, boolean weighed) {

    /** @return this parcel, weighed */
    public Parcel weigh() {
        return new Parcel(trackingCode, weightGrams, true);
    }
}
