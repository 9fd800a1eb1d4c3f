/**
 * "First steps": f = σ(c·(a + b)) as a graph of four nodes with each edge's forward value
 * (upper number) and gradient ∂f/∂value (lower number, in brackets), and the four stages
 * written out with their numbers: forward, local derivatives, the chain rule backwards,
 * one update step. The numbers come from first-steps.ts.
 */
import { firstSteps } from "../first-steps";
import { onLanguageChange, t } from "../i18n/i18n";
import { byId, el } from "./dom";

const NS = "http://www.w3.org/2000/svg";
const n = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(4)).replace("-", "−");
const p = (v: number) => (v < 0 ? `(${n(v)})` : n(v));

function svg(tag: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function graph(label: string): SVGElement {
  const s = firstSteps();
  const root = svg("svg", { viewBox: "0 0 640 220", role: "img", "aria-label": label });
  const nodes = {
    a: [30, 30, "a"],
    b: [30, 170, "b"],
    q: [200, 100, "+"],
    c: [370, 195, "c"],
    p: [370, 100, "×"],
    f: [510, 100, "σ"],
  } as const;
  const edge = (from: keyof typeof nodes, to: keyof typeof nodes, value: number, grad: number) => {
    const [x1, y1] = nodes[from];
    const [x2, y2] = nodes[to];
    const [mx, my] = [(x1 + x2) / 2, (y1 + y2) / 2];
    // A vertical edge has its numbers beside it; the others above and below it.
    const vertical = Math.abs(x2 - x1) < 20;
    const at = (dy: number) =>
      vertical
        ? { x: mx + 10, y: my + dy / 2, "text-anchor": "start" }
        : { x: mx, y: my + dy, "text-anchor": "middle" };
    root.append(
      svg("line", { x1, y1, x2, y2, stroke: "#5b6475", "stroke-width": 1.5 }),
      svg("text", { ...at(-8), fill: "#1f7a3a", "font-weight": 600 }, n(value)),
      svg("text", { ...at(20), fill: "#b3261e" }, `[${n(grad)}]`),
    );
  };
  edge("a", "q", s.inputs.a, s.gradient.a);
  edge("b", "q", s.inputs.b, s.gradient.b);
  edge("q", "p", s.forward.q, s.gradient.q);
  edge("c", "p", s.inputs.c, s.gradient.c);
  edge("p", "f", s.forward.p, s.gradient.p);
  const [fx, fy] = nodes.f;
  const out = { "text-anchor": "middle", x: 582 };
  root.append(
    svg("line", { x1: fx, y1: fy, x2: 636, y2: fy, stroke: "#5b6475", "stroke-width": 1.5 }),
    svg(
      "text",
      { ...out, y: fy - 8, fill: "#1f7a3a", "font-weight": 600 },
      `f = ${n(s.forward.f)}`,
    ),
    svg("text", { ...out, y: fy + 20, fill: "#b3261e" }, "[1]"),
  );
  for (const [x, y, name] of Object.values(nodes)) {
    root.append(
      svg("circle", { cx: x, cy: y, r: 17, fill: "#ffffff", stroke: "#2457c5", "stroke-width": 2 }),
      svg("text", { x, y: y + 5, "text-anchor": "middle", fill: "#1d2330", "font-size": 16 }, name),
    );
  }
  return root;
}

/** The four stages' lines: equations with their numbers (the same in every language). */
function stages(): string[][] {
  const s = firstSteps();
  const { a, b, c } = s.inputs;
  const { q, p: pp, f } = s.forward;
  const g = s.gradient;
  const u = s.update;
  return [
    [
      `q = a + b = ${n(a)} + ${p(b)} = ${n(q)}`,
      `p = c·q = ${p(c)}·${p(q)} = ${n(pp)}`,
      `f = σ(p) = ${n(f)}`,
    ],
    [
      "∂q/∂a = 1,  ∂q/∂b = 1",
      `∂p/∂q = c = ${n(c)},  ∂p/∂c = q = ${n(q)}`,
      `∂f/∂p = σ(p)(1 − σ(p)) = ${n(s.local.dfdp)}`,
    ],
    [
      `∂f/∂p = ${n(g.p)}`,
      `∂f/∂q = ∂f/∂p · ∂p/∂q = ${n(g.p)}·${p(c)} = ${n(g.q)}`,
      `∂f/∂c = ∂f/∂p · ∂p/∂c = ${n(g.p)}·${p(q)} = ${n(g.c)}`,
      `∂f/∂a = ∂f/∂q · 1 = ${n(g.a)},  ∂f/∂b = ∂f/∂q · 1 = ${n(g.b)}`,
    ],
    [
      `a ← a + ${u.step}·∂f/∂a = ${n(u.inputs.a)}`,
      `b ← b + ${u.step}·∂f/∂b = ${n(u.inputs.b)}`,
      `c ← c + ${u.step}·∂f/∂c = ${n(u.inputs.c)}`,
      `f = ${n(u.f)}  (${n(f)} → ${n(u.f)})`,
    ],
  ];
}

export function showFirstSteps(): void {
  const container = byId("first-steps");
  function render(): void {
    const m = t();
    const titles = [m.firstForward, m.firstLocal, m.firstBackward, m.firstUpdate];
    const lines = stages();
    container.replaceChildren(
      el(
        "div",
        { class: "first-graph" },
        graph(m.firstGraph),
        el("p", { class: "hint" }, m.firstLegend),
      ),
      el(
        "ol",
        { class: "first-stages" },
        ...titles.map((title, i) =>
          el(
            "li",
            {},
            el("strong", {}, title),
            ...lines[i].map((line) => el("div", { class: "math" }, line)),
          ),
        ),
      ),
    );
  }
  render();
  onLanguageChange(render);
}
