import { describe, expect, it } from "vitest";
import { LatestRequest } from "./latest-request";

function tracker() {
  const sent: [number, string][] = [];
  const requests = new LatestRequest<string>((id, payload) => sent.push([id, payload]));
  return { sent, requests };
}

describe("LatestRequest: one request in flight, the newest payload next, stale answers dropped", () => {
  it("sends at once when nothing is in flight and returns the payload its answer is for", () => {
    const { sent, requests } = tracker();
    requests.request("a");
    expect(sent).toEqual([[1, "a"]]);
    expect(requests.pending).toBe(true);
    expect(requests.accept(1)).toBe("a");
    expect(requests.pending).toBe(false);
  });

  it("while one is in flight, keeps only the newest payload and sends it when the answer comes", () => {
    const { sent, requests } = tracker();
    requests.request("a");
    requests.request("b");
    requests.request("c");
    expect(sent).toEqual([[1, "a"]]);
    expect(requests.accept(1)).toBe("a");
    expect(sent).toEqual([
      [1, "a"],
      [2, "c"],
    ]);
    expect(requests.accept(2)).toBe("c");
    expect(sent.length).toBe(2);
  });

  it("drops an answer sent before cancel (a reset): its id is never in flight again", () => {
    const { sent, requests } = tracker();
    requests.request("old network");
    requests.request("waiting");
    requests.cancel();
    expect(requests.pending).toBe(false);
    requests.request("new network");
    expect(sent).toEqual([
      [1, "old network"],
      [2, "new network"],
    ]);
    expect(requests.accept(1)).toBeUndefined(); // the old net's answer arrives late
    expect(requests.pending).toBe(true); // still waiting for the new one
    expect(requests.accept(2)).toBe("new network");
  });

  it("drops duplicate and unknown answers", () => {
    const { requests } = tracker();
    expect(requests.accept(1)).toBeUndefined();
    requests.request("a");
    expect(requests.accept(7)).toBeUndefined();
    expect(requests.accept(1)).toBe("a");
    expect(requests.accept(1)).toBeUndefined();
  });
});
