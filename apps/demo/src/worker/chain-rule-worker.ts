/**
 * Measures "why dynamic programming" off the main thread: one message per network, in
 * order of growing size, so the page's chart fills in as the counts arrive.
 */
import { COUNT_DEPTHS, COUNT_WIDTHS, countChainRule } from "../chain-rule-count";

for (const width of COUNT_WIDTHS) {
  for (const depth of COUNT_DEPTHS) postMessage(countChainRule(width, depth));
}
postMessage("done");
