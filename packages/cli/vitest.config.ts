import { withCoverageThresholds } from '../../tooling/vitest.config.base';

// Coverage floor (issue 15) at the measured values of the first full CI run that measured cli
// (84.07 / 74.37 / 85.64 / 86.86): below the 90 % statements target, which needs in-process tests of
// what the tests now reach only through the built bundle. Raise it when coverage goes up.
export default withCoverageThresholds({ statements: 84, branches: 74, functions: 85, lines: 86 });
