/* plant.h (diff): deliberate analyzer bugs, compiled in only when
 * CAMSIM_DIFF_PLANT is set (cmake -DCAMSIM_DIFF_PLANT=n), to prove that the
 * diff fuzz target's oracles catch analyzer bugs of these kinds
 * (fuzz/prove_diff_oracles.sh, docs/diff.md):
 *
 *   1  a resource glob's tail after its last `*` is ignored when regions
 *      are enumerated ("a*b" is read as "a*")
 *   2  old denies are never anchors: a dropped deny goes unnoticed
 *   3  numbers get no representative above a listed value (an interval
 *      bound off by one)
 *   4  a failed allocation is forgotten (alloc.c): the answer is whatever
 *      the code that met the failure made of it
 */
#ifndef CAMSIM_DIFF_PLANT_H
#define CAMSIM_DIFF_PLANT_H

#ifndef CAMSIM_DIFF_PLANT
#define CAMSIM_DIFF_PLANT 0
#endif
#define CAMSIM_DIFF_PLANTED(n) (CAMSIM_DIFF_PLANT == (n))

#endif
