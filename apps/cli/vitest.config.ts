import { packageProject } from "../../vitest.shared.ts";

// The tests run the built command in child processes, some of them training for seconds.
export default packageProject("@backprop/cli", { testTimeout: 120_000 });
