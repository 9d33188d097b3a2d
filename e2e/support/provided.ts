declare module 'vitest' {
  export interface ProvidedContext {
    consoleUrl: string;
    resellerUrl: string;
    smtpDir: string;
  }
}

export {};
