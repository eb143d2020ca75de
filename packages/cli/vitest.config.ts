import { withCoverageThresholds } from '../../tooling/vitest.config.base';

// Coverage floor (issue 15), one point under the first full CI run that measured cli (84.07 / 74.37 /
// 85.64 / 86.86): some cli tests run real processes whose timing decides which waiting and retry
// branches run in-process, so the figures move a little between runs. Below the 90 % statements
// target, which needs in-process tests of what the tests now reach only through the built bundle.
export default withCoverageThresholds({ statements: 83, branches: 73, functions: 84, lines: 85 });
