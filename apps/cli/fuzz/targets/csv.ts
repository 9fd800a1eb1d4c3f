import {
  type ClassificationData,
  DatasetError,
  normalize,
  parseCsv,
  standardStats,
} from "@backprop/datasets";
import type { FuzzTarget } from "../target";

const SEEDS = [
  "sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n6.3,6.0,virginica\n4.9,1.4,setosa\n",
  "x,y,label\n0.5,2,1\n1.5,-1,0\n-3e2,4.25,2\n7,0.001,1\n",
  '"a","b, quoted",y\r\n1,2,0\r\n3,"4",1\r\n5,6,0\r\n',
  "length,width,kind\n5.1,3.5,setosa\n7.0,3.2,versicolor\n\n6.4,3.2,versicolor\n",
];

/**
 * What a data set promises the network: finite features, integer labels in [0, classes),
 * classes that fit int32 labels. A broken promise is a plain Error: a crash to the runner.
 */
function checkData(data: ClassificationData, what: string): void {
  if (data.classes > 2 ** 31 - 1) throw new Error(`${what}: ${data.classes} classes`);
  for (const v of data.inputs) if (!Number.isFinite(v)) throw new Error(`${what}: a feature ${v}`);
  for (const label of data.labels) {
    if (!(Number.isInteger(label) && label >= 0 && label < data.classes)) {
      throw new Error(`${what}: label ${label} of ${data.classes} classes`);
    }
  }
}

/**
 * CSV files as `--dataset FILE.csv` reads them: `parseCsv` of the UTF-8 text with the
 * loader's defaults (label last, header, at least 2 rows), then standardised with the
 * data's own statistics, as the CLI does with its training part.
 */
const csvTarget: FuzzTarget = {
  name: "csv",
  seeds: () => SEEDS.map((text) => new TextEncoder().encode(text)),
  run(input) {
    const data = parseCsv(new TextDecoder().decode(input), { minRows: 2 });
    checkData(data, "parseCsv");
    checkData(normalize(data, standardStats(data)), "standardised");
    return data;
  },
  isTyped: (error) => error instanceof DatasetError,
};

export default csvTarget;
