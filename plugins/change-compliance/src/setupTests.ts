import '@testing-library/jest-dom';

// A whole tab or page renders in under a second on a quiet machine, but in a full repository run
// on two shared cores Jest's default 5 s per test is not enough for the larger ones.
jest.setTimeout(30_000);
