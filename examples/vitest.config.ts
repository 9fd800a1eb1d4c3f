import { packageProject } from "../vitest.shared.ts";

// Each test starts a Node process that runs one example, as a user would.
export default packageProject("examples", { testTimeout: 60_000 });
