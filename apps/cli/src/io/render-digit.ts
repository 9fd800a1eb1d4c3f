/** Shades from empty to full ink, two characters per pixel so the digit keeps its proportions. */
const SHADES = " .:-=+*#%@";

/** A 28×28 image (values in [0, 1]) as 28 lines of text. */
export function renderDigit(pixels: ArrayLike<number>, width = 28): string {
  const lines: string[] = [];
  for (let y = 0; y < pixels.length / width; y++) {
    let line = "";
    for (let x = 0; x < width; x++) {
      const v = Math.max(0, Math.min(1, pixels[y * width + x]));
      const c = SHADES[Math.min(SHADES.length - 1, Math.floor(v * SHADES.length))];
      line += c + c;
    }
    lines.push(line.trimEnd());
  }
  // Drop the empty rows above and below the digit.
  while (lines.length > 0 && lines[0] === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n");
}
