// The standard modules' stand-ins come from the test kit (config must not depend on the module packages).
export { momentumStandIn as momentum, standardModuleStandIns as modules } from '@planner/testkit';
