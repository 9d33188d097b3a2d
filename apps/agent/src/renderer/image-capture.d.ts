// Chromium, and so Electron, has ImageCapture.grabFrame(); TypeScript's DOM library leaves it out
// because no other engine ships it. The agent only ever runs in Chromium.
interface ImageCapture {
  grabFrame(): Promise<ImageBitmap>;
}
