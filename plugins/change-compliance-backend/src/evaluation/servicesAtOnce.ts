/**
 * How many services a pass over the catalog evaluates at once. On PostgreSQL a service spends much
 * of its evaluation waiting for the database (reading its evidence, writing thousands of verdict
 * rows); with a second one under way, the engine judges one while the other's statements run.
 * Two, as for deployment events (ServiceEvaluationQueue): more would hold more services' evidence
 * in memory for little gain on the two cores these backends are sized for.
 */
export const SERVICES_AT_ONCE = 2;
