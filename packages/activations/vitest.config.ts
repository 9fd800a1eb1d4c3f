import { packageProject } from "../../vitest.shared";

export default packageProject("@backprop/activations");
