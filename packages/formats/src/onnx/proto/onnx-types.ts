/**
 * The part of onnx.proto this package reads and writes, as the objects decode.ts gives
 * (field names as in onnx.proto; every field optional, as in proto2; int64 as numbers).
 * The comments give each field's meaning where onnx.proto's own would be needed to follow
 * the code. Fields not listed here are skipped on read and never written.
 */

/** TensorProto.DataType values used here (onnx.proto lists the others). */
export const DataType = { FLOAT: 1, INT64: 7, DOUBLE: 11 } as const;

/** AttributeProto.AttributeType values. */
export const AttributeType = {
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
} as const;

/** A tensor: dims, element type, and its values in one of the *_data fields or raw_data. */
export interface TensorProto {
  /** The shape, outermost first; [] for a scalar. */
  dims?: number[];
  /** A DataType value. */
  data_type?: number;
  /** Values of FLOAT tensors (when raw_data is absent). */
  float_data?: number[];
  /** Values of INT32 (and smaller) tensors. */
  int32_data?: number[];
  /** Values of INT64 tensors. */
  int64_data?: number[];
  /** The name: an initializer's is the graph value it defines. */
  name?: string;
  /** Values as little-endian bytes, row-major (what PyTorch and we write). */
  raw_data?: Uint8Array;
  /** Values stored outside the file (refused: a .onnx must stand alone here). */
  external_data?: StringStringEntryProto[];
  /** 0 DEFAULT, 1 EXTERNAL. */
  data_location?: number;
  /** Values of DOUBLE tensors. */
  double_data?: number[];
  /** Free text. */
  doc_string?: string;
}

/** A named attribute of a node; `type` says which value field holds it. */
export interface AttributeProto {
  /** The attribute's name, e.g. "transB". */
  name?: string;
  /** An AttributeType value. */
  type?: number;
  /** FLOAT. */
  f?: number;
  /** INT. */
  i?: number;
  /** STRING (bytes, UTF-8). */
  s?: Uint8Array;
  /** TENSOR. */
  t?: TensorProto;
  /** FLOATS. */
  floats?: number[];
  /** INTS. */
  ints?: number[];
  /** STRINGS. */
  strings?: Uint8Array[];
}

/** One operator call: outputs = op_type(inputs; attributes). */
export interface NodeProto {
  /** Names of the values it reads ("" for an omitted optional input). */
  input?: string[];
  /** Names of the values it defines. */
  output?: string[];
  /** Optional, for messages. */
  name?: string;
  /** The operator, e.g. "Gemm". */
  op_type?: string;
  /** "" or "ai.onnx" for the default operator set. */
  domain?: string;
  /** Its attributes. */
  attribute?: AttributeProto[];
  /** Free text (we write how a dropout layer was built here). */
  doc_string?: string;
}

/** One dimension of a shape: a number, or a name for a size known at run time ("batch"). */
export interface DimensionProto {
  /** A fixed size. */
  dim_value?: number;
  /** A symbolic size. */
  dim_param?: string;
}

/** The type of a graph input or output; only tensors are used here. */
export interface TypeProto {
  /** A tensor's element type (DataType) and shape. */
  tensor_type?: {
    /** A DataType value. */
    elem_type?: number;
    /** Absent when the rank is unknown. */
    shape?: { dim?: DimensionProto[] };
  };
}

/** A named, typed graph input or output. */
export interface ValueInfoProto {
  /** The value's name. */
  name?: string;
  /** Its type. */
  type?: TypeProto;
  /** Free text. */
  doc_string?: string;
}

/** The computation: nodes in topological order, initializers (the weights), inputs, outputs. */
export interface GraphProto {
  /** The nodes, each after the nodes whose outputs it reads. */
  node?: NodeProto[];
  /** The graph's name. */
  name?: string;
  /** Constant tensors, by name: weights and biases. */
  initializer?: TensorProto[];
  /** Free text. */
  doc_string?: string;
  /** Inputs (older exporters list the initializers here too). */
  input?: ValueInfoProto[];
  /** Outputs. */
  output?: ValueInfoProto[];
}

/** An operator set a model uses: its domain and version. */
export interface OperatorSetIdProto {
  /** "" (or "ai.onnx") is the default set. */
  domain?: string;
  /** E.g. 17. */
  version?: number;
}

/** A key and a value, both strings. */
export interface StringStringEntryProto {
  /** The key. */
  key?: string;
  /** The value. */
  value?: string;
}

/** A whole .onnx file. */
export interface ModelProto {
  /** The IR version (8 for ONNX 1.12). */
  ir_version?: number;
  /** The operator sets the graph uses. */
  opset_import?: OperatorSetIdProto[];
  /** The tool that wrote the file ("backprop", "pytorch"). */
  producer_name?: string;
  /** Its version. */
  producer_version?: string;
  /** The model's namespace, reverse-DNS style. */
  domain?: string;
  /** The model's own version. */
  model_version?: number;
  /** Free text. */
  doc_string?: string;
  /** The computation. */
  graph?: GraphProto;
  /** Free key-value metadata (name, training settings). */
  metadata_props?: StringStringEntryProto[];
}
