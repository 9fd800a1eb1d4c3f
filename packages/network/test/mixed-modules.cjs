// The other way round (see mixed-modules.mjs): a CommonJS program that registers through
// `require` and loads through `import()`. Prints one line of JSON.
const { defineActivation, registerActivation, sigmoid } = require("@backprop/activations");
const { modelToJson, Network, toNetwork2Json } = require("@backprop/network");

(async () => {
  const imported = {
    activations: await import("@backprop/activations"),
    network: await import("@backprop/network"),
  };
  registerActivation(
    defineActivation({
      name: "halfSquare",
      fn: (z, out) => {
        for (let i = 0; i < z.length; i++) out[i] = 0.5 * z[i] * z[i];
      },
      derivative: (z, out) => {
        for (let i = 0; i < z.length; i++) out[i] = z[i];
      },
    }),
  );
  const file = modelToJson(new Network({ sizes: [2, 3, 1], activation: "halfSquare", seed: 1 }));
  const loaded = imported.network.loadModel(file).network;
  const net = new imported.network.Network({
    sizes: [2, 3, 2],
    activation: imported.activations.sigmoid,
    seed: 2,
  });
  const network2 = JSON.parse(toNetwork2Json(net));
  console.log(
    JSON.stringify({
      loaded: loaded.activations.map((a) => a.name).join(","),
      network2: network2.sizes.join("-"),
      sameSigmoid: imported.activations.sigmoid === sigmoid,
      sameRegistry: imported.activations.getActivation("halfSquare").name === "halfSquare",
    }),
  );
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
