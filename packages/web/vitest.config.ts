import { base } from '../../tooling/vitest.config.base';

export default base;
