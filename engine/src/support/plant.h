/* plant.h: deliberate engine bugs, compiled in only when CAMSIM_ENGINE_PLANT
 * is set (cmake -DCAMSIM_ENGINE_PLANT=n), to prove that the fuzz harness
 * finds real bugs of these kinds by itself (fuzz/prove_oracles.sh,
 * docs/fuzzing.md). Each CAMSIM_PLANTED(n) is a constant: in every other
 * build it folds to false and the plant costs nothing.
 *
 *   1  a key-table lookup trusts the hash (takes the first bucket it probes)
 *   2  a bad \u escape is let through, truncating the string
 *   3  raw control bytes are whitespace between tokens
 *   4  numbers compare as doubles
 *   5  an allocation failure while indexing is swallowed
 *   6  resource segments match ignoring case
 */
#ifndef CAMSIM_PLANT_H
#define CAMSIM_PLANT_H

#ifndef CAMSIM_ENGINE_PLANT
#define CAMSIM_ENGINE_PLANT 0
#endif
#define CAMSIM_PLANTED(n) (CAMSIM_ENGINE_PLANT == (n))

#endif
