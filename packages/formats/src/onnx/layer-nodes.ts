import type { Shape3 } from "@backprop/network";
import { convPads, type LayerView } from "../model/model-view";
import { addActivation } from "./activation-nodes";
import type { GraphBuilder } from "./graph-builder";
import type { OnnxActivationExporter } from "./onnx-node";

/**
 * One layer of ours as ONNX nodes. ONNX holds a batch as [N, features] or [N, C, H, W], one
 * sample per ROW, where ours holds one sample per column; the numbers of a sample are in the
 * same order (channel-major), so each layer maps without moving data:
 *
 *   dense     z = x·wᵀ + b: Gemm(x, w, b, transB = 1), w as stored (outputs × inputs)
 *   conv2d    Conv(x, w as [F, C, k, k], b), strides, pads [top, left, bottom, right]
 *   maxPool   MaxPool(kernel_shape [size, size], strides); avgPool: AveragePool (no padding,
 *             floor mode, as ours)
 *   flatten   Flatten(axis = 1): [N, C, H, W] → [N, C·H·W] in C, H, W order, as ours
 *   dropout   "inverted": Dropout(x, ratio), the identity at inference (ratio kept for the
 *             way back); "scale-at-test": Mul(x, 1 − rate)
 *
 * Returns the layer's output name and the rank of that value.
 */
export function addLayer(
  graph: GraphBuilder,
  view: LayerView,
  input: string,
  rank: 2 | 4,
  l: number,
  hooks: Readonly<Record<string, OnnxActivationExporter>>,
): { output: string; rank: 2 | 4 } {
  const prefix = `${view.kind}${l}`;
  switch (view.kind) {
    case "dense": {
      let x = input;
      if (rank === 4) x = flattenTo(graph, input, `${prefix}.x_flat`); // a C×1×1 map feeding dense
      const w = graph.constant(`${prefix}.weight`, view.weights, [view.outputs, view.inputs]);
      const b = graph.constant(`${prefix}.bias`, view.biases, [view.outputs]);
      const z = graph.name(`${prefix}.z`);
      graph.add({
        opType: "Gemm",
        inputs: [x, w, b],
        outputs: [z],
        name: `${prefix}.Gemm`,
        attributes: { transB: { int: 1 } },
      });
      const where = { layer: l, prefix, shape: [view.outputs] };
      return { output: addActivation(graph, view.activation, z, 2, where, hooks), rank: 2 };
    }
    case "conv2d": {
      const { input: inShape, output: outShape, kernelSize: k, stride } = view.geometry;
      const F = outShape.channels;
      const w = graph.constant(`${prefix}.weight`, view.weights, [F, inShape.channels, k, k]);
      const b = graph.constant(`${prefix}.bias`, view.biases, [F]);
      const z = graph.name(`${prefix}.z`);
      graph.add(
        {
          opType: "Conv",
          inputs: [input, w, b],
          outputs: [z],
          name: `${prefix}.Conv`,
          attributes: {
            kernel_shape: { ints: [k, k] },
            strides: { ints: [stride, stride] },
            pads: { ints: convPads(view) },
          },
          // "same" and p zeros can give the same pads: say which it was, for importOnnx.
        },
        JSON.stringify({ backprop: "conv2d", padding: view.padding }),
      );
      const where = { layer: l, prefix, shape: dims(outShape) };
      return { output: addActivation(graph, view.activation, z, 4, where, hooks), rank: 4 };
    }
    case "maxPool":
    case "avgPool": {
      const { size, stride } = view.geometry;
      const output = graph.name(`${prefix}.out`);
      const opType = view.kind === "maxPool" ? "MaxPool" : "AveragePool";
      graph.add({
        opType,
        inputs: [input],
        outputs: [output],
        name: `${prefix}.${opType}`,
        attributes: { kernel_shape: { ints: [size, size] }, strides: { ints: [stride, stride] } },
      });
      return { output, rank: 4 };
    }
    case "flatten":
      return { output: flattenTo(graph, input, `${prefix}.out`), rank: 2 };
    case "dropout": {
      const output = graph.name(`${prefix}.out`);
      // How the layer was built, for importOnnx (ONNX has no field for it).
      const doc = JSON.stringify({ backprop: "dropout", rate: view.rate, mode: view.mode });
      if (view.mode === "inverted") {
        // ratio as a double scalar whatever the model's type (Dropout allows it): exact.
        const ratio = graph.tensor({
          name: `${prefix}.ratio`,
          dims: [],
          data_type: 11,
          double_data: [view.rate],
        });
        graph.add(
          {
            opType: "Dropout",
            inputs: [input, ratio],
            outputs: [output],
            name: `${prefix}.Dropout`,
          },
          doc,
        );
      } else {
        const keep = graph.constant(`${prefix}.keep`, [1 - view.rate], []);
        graph.add(
          { opType: "Mul", inputs: [input, keep], outputs: [output], name: `${prefix}.Mul` },
          doc,
        );
      }
      return { output, rank };
    }
  }
}

/** ONNX's dims of one sample: [C, H, W]. */
export function dims(shape: Shape3): number[] {
  return [shape.channels, shape.height, shape.width];
}

function flattenTo(graph: GraphBuilder, input: string, base: string): string {
  const output = graph.name(base);
  graph.add({
    opType: "Flatten",
    inputs: [input],
    outputs: [output],
    attributes: { axis: { int: 1 } },
  });
  return output;
}
