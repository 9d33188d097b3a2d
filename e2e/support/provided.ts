declare module 'vitest' {
  export interface ProvidedContext {
    consoleUrl: string;
    resellerUrl: string;
    mailDir: string;
  }
}

export {};
