// Node entry: the environment-free verdict logic plus the Node loader (Human on the WASM backend).
// Importing it loads no tfjs; the models load only when loadNodeFaceAnalyzer() is called.
export * from './verdict/public';
export { fitWithin, FRAME_MAX_HEIGHT, FRAME_MAX_WIDTH, type RgbImage } from './image/rgb-image';
export { decodeImage, UnsupportedImageError } from './node/decode-image';
export { loadNodeFaceAnalyzer, type NodeFaceAnalyzer, type NodeFaceAnalyzerOptions } from './node/load-human';
export type { AnalyzeOptions } from './human-config';
