// Types what the globalSetup provides, so `inject('databaseUrl')` is a string in test files.
declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export {};
