// Elementary functions that give the same double on every JavaScript engine (README: "Same
// numbers on every runtime").
export { exp } from "./exp";
export { expm1 } from "./expm1";
export { log } from "./log";
export { log1p } from "./log1p";
export { powInteger } from "./pow-integer";
export { cos, sin } from "./sin-cos";
export { tanh } from "./tanh";
