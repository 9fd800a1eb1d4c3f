/**
 * Who predicts the draw panel's digit. The FC net: the page's mirror of it, at once (it is
 * a few small matrix products). The conv net: the worker, which holds it — a `predictDrawing`
 * command answered between two training slices, as `trace` is, with the drawing's feature
 * maps too. A mirror of the conv net on the page would need the conv, pool and dense layers
 * running on the page as well and a second stream of every weight; the worker already has
 * the net and sends the maps anyway, and an answer from it is the very network that trains.
 * The cost is a wait of up to one slice (40 ms) while training, none when it is not.
 */
import type { LatestRequest } from "./latest-request";
import type { MirrorNetwork } from "./mirror-network";
import type { ConvPrediction } from "./protocol";
import type { Drawing } from "./ui/draw-panel";

export interface DrawingPredictorParts {
  mirror: Pick<MirrorNetwork, "predict">;
  /** True when the worker's network is the conv net (the page's mode). */
  isConv: () => boolean;
  /** Sends one predictDrawing (see LatestRequest: at most one in flight). */
  requests: LatestRequest<Drawing>;
  /** The draw panel's bars. */
  showOutput: (output: Float64Array | undefined) => void;
  /** The conv view's maps of the drawing (undefined: back to the test digit's). */
  showMaps: (prediction: ConvPrediction | undefined, drawing?: Drawing) => void;
}

export interface DrawingPredictor {
  /** The draw panel's callback: a new drawing, or the same one on a changed network. */
  predict(drawing: Drawing | undefined): void;
  /** The worker's answer to predictDrawing `id`; stale answers are dropped. */
  answer(id: number, prediction: ConvPrediction): void;
  /** The network is being replaced (configure) or failed: no answer in flight is shown. */
  reset(): void;
}

export function createDrawingPredictor(parts: DrawingPredictorParts): DrawingPredictor {
  const { mirror, isConv, requests, showOutput, showMaps } = parts;
  const clear = () => {
    requests.cancel();
    showOutput(undefined);
    showMaps(undefined);
  };
  return {
    predict(drawing) {
      if (!isConv()) showOutput(drawing && mirror.predict(drawing.input));
      else if (!drawing) clear();
      else requests.request(drawing);
    },
    answer(id, prediction) {
      const drawing = requests.accept(id);
      if (!drawing || !isConv()) return;
      showOutput(prediction.output);
      showMaps(prediction, drawing);
    },
    reset: clear,
  };
}
