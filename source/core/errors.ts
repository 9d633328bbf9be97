/** An error as a value: what went wrong and what the user can do next. Never carries a secret. */
export type AppError = {
  code: string;
  message: string;
  fix: string;
};

export type Result<T> = {ok: true; value: T} | {ok: false; error: AppError};

export const ok = <T>(value: T): Result<T> => ({ok: true, value});
export const fail = (code: string, message: string, fix: string): {ok: false; error: AppError} => ({
  ok: false,
  error: {code, message, fix},
});

/** Formats an error as the two lines every surface shows: cause, then next step. */
export function formatError(error: AppError): string {
  return error.fix ? `${error.message}\n${error.fix}` : error.message;
}
