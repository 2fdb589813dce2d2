// The Silero VAD frame loop on onnxruntime-node, the same loop as Weft's SileroVad: 512-sample
// frames with the previous frame's last 64 samples in front, the state fed back, sr = 16000.
// Usage: node bench/silero-frame-loop.mjs MODEL.onnx AUDIO.f32  (16 kHz mono float32 LE)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const ort = require(process.env.ORT_NODE ?? "onnxruntime-node");
const [modelPath, audioPath] = process.argv.slice(2);
const buf = readFileSync(audioPath);
const audio = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);

const session = await ort.InferenceSession.create(modelPath, {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  graphOptimizationLevel: "all",
});
const FRAME = 512, CTX = 64;
const sr = new ort.Tensor("int64", BigInt64Array.from([16000n]), []);

async function pass() {
  let state = new ort.Tensor("float32", new Float32Array(2 * 128), [2, 1, 128]);
  const input = new Float32Array(CTX + FRAME);
  const context = new Float32Array(CTX);
  const frames = Math.ceil(audio.length / FRAME);
  let sum = 0;
  for (let f = 0; f < frames; f++) {
    input.set(context, 0);
    const chunk = audio.subarray(f * FRAME, Math.min(audio.length, (f + 1) * FRAME));
    input.fill(0, CTX);
    input.set(chunk, CTX);
    context.set(input.subarray(FRAME, FRAME + CTX));
    const out = await session.run({ input: new ort.Tensor("float32", input, [1, CTX + FRAME]), state, sr });
    sum += out.output.data[0];
    state = out.stateN;
  }
  return { frames, sum };
}

await pass(); // warm-up (the whole file once)
const times = [];
let last;
for (let i = 0; i < 3; i++) {
  const t0 = process.hrtime.bigint();
  last = await pass();
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
times.sort((a, b) => a - b);
const t = times[1];
const seconds = audio.length / 16000;
console.log(
  `vad-speed node ${modelPath.split("/").pop()}: ${seconds.toFixed(0)} s of audio, ${last.frames} frames, median of 3 ${t.toFixed(3)} s = ` +
    `${(seconds / t).toFixed(0)}x real time, ${((t / last.frames) * 1e6).toFixed(1)} us/frame (sum of probabilities ${last.sum.toFixed(3)}; onnxruntime-node ${ort.env.versions?.common ?? "?"})`,
);
