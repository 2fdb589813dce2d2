// Runs the reference recogniser (sherpa-onnx-node) on WAV files and prints one JSON result per
// file, one per line, plus the time each part took. Used by Weft's conformance tests and
// benchmarks only: node sherpa-reference.js CONFIG.json
//   CONFIG: {"moduleDir": ".../node_modules/sherpa-onnx-node", "family": "sense_voice"|"paraformer",
//            "model": ".../model.onnx", "tokens": ".../tokens.txt", "language": "auto",
//            "itn": true, "threads": 1, "repeat": 1, "wavs": ["a.wav", ...]}
'use strict';
const fs = require('fs');
const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const sherpa = require(config.moduleDir);

const modelConfig = {tokens: config.tokens, numThreads: config.threads || 1, provider: 'cpu', debug: 0};
if (config.family === 'sense_voice') {
  modelConfig.senseVoice = {
    model: config.model,
    language: config.language === 'auto' ? '' : config.language,
    useInverseTextNormalization: config.itn ? 1 : 0,
  };
} else {
  modelConfig.paraformer = {model: config.model};
}
const recognizer = new sherpa.OfflineRecognizer({
  featConfig: {sampleRate: 16000, featureDim: 80},
  modelConfig,
  decodingMethod: 'greedy_search',
});

for (const wav of config.wavs) {
  const wave = sherpa.readWave(wav);
  let result = null;
  let best = Infinity;
  for (let r = 0; r < (config.repeat || 1); r++) {
    const start = process.hrtime.bigint();
    const stream = recognizer.createStream();
    stream.acceptWaveform({samples: wave.samples, sampleRate: wave.sampleRate});
    recognizer.decode(stream);
    result = recognizer.getResult(stream);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    best = Math.min(best, seconds);
  }
  process.stdout.write(JSON.stringify({
    file: wav,
    seconds: best,
    audioSeconds: wave.samples.length / wave.sampleRate,
    result,
  }) + '\n');
}
