export { consoleRouter, type ConsoleRouter } from './console-router';
export { resellerRouter, type ResellerRouter } from './reseller-router';
export { createContext, type Context, type AppName } from './context';
export { AppError, type AppErrorCode } from './errors/app-error';
export { hashPassword } from './auth/passwords';
