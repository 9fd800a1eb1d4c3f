/**
 * TensorFlow.js's layers format as this package writes and reads it: model.json (what
 * tf.loadLayersModel fetches) and the weights binary it names. See tfjs-layers' and
 * tfjs-core's io types (ModelJSON, WeightsManifestConfig); only what we use is typed here.
 */

/** One layer in model.json: its Keras class name and config (snake_case keys, as Keras). */
export interface TfjsLayerJson {
  /** "Dense", "Conv2D", "MaxPooling2D", "AveragePooling2D", "Flatten", "Dropout", … */
  class_name: string;
  /** The layer's settings: units, filters, kernel_size, strides, padding, activation, name, … */
  config: Record<string, unknown>;
}

/** One weight in the weights manifest: where it sits in the binary, in manifest order. */
export interface TfjsWeightSpec {
  /** "<layer name>/kernel" or "<layer name>/bias". */
  name: string;
  /** Its shape: dense kernels [inputs, outputs], conv kernels [k, k, in, out], biases [n]. */
  shape: number[];
  /** "float32": TensorFlow.js layers models hold float32. */
  dtype: string;
  /** Set when the converter quantised the weight (not read here). */
  quantization?: unknown;
}

/** model.json of a TensorFlow.js layers model (a Keras Sequential model). */
export interface TfjsModelJson {
  /** "layers-model". */
  format: string;
  /** The tool and version that wrote it. */
  generatedBy: string;
  /** null: not converted from Python Keras. */
  convertedBy: string | null;
  /** The Keras model: { class_name: "Sequential", config: { name, layers } }. */
  modelTopology: {
    /** "Sequential". */
    class_name: string;
    /** The model's name and its layers in order. */
    config: {
      /** The model's name. */
      name: string;
      /** The layers, input side first; the first has batch_input_shape. */
      layers: TfjsLayerJson[];
    };
    /** "tfjs-layers 4.22.0" and such. */
    keras_version?: string;
    /** "tensor_flow.js". */
    backend?: string;
  };
  /** The weight files and what each holds, in order; their bytes concatenated are weightData. */
  weightsManifest: {
    /** The files of this group, relative to model.json (ours: group1-shard1of1.bin). */
    paths: string[];
    /** The weights their bytes hold, in order. */
    weights: TfjsWeightSpec[];
  }[];
  /**
   * Free JSON kept with the model (model.getUserDefinedMetadata() in TensorFlow.js); ours
   * is { backprop: { model, cost, dtype, metadata } }.
   */
  userDefinedMetadata?: Record<string, unknown>;
}
